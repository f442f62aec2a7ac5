using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ConcurrencyBench.Harness;

/// <summary>The command line of the bench. Unknown options are an error (exit code 2), never ignored.</summary>
public sealed class Options
{
    public const string Usage = """
        ConcurrencyBench: every ConcurrencyAnalyzers code fix measured before and after on this machine's cores.

        Usage: dotnet run -c Release --project samples/ConcurrencyBench -- [options]

        Options:
          --quick             3 interleaved runs per side (about 1-2 minutes on 2 cores); default: 7 runs per side
          --filter RULE       run only this rule's scenarios (e.g. CONC0101); repeat or separate with commas for several
          --repeat N          runs per side (overrides --quick's and the full mode's count), 1 to 50
          --json PATH         write every run, summary and pool timeline as JSON
          --markdown PATH     write the results table as Markdown (core count, OS, runtime version and date included)
          --charts DIR        write one SVG chart per scenario (and its pool-thread timeline) into DIR
                              (default: docs/benchmarks under the repository root, or under the current folder)
          --no-charts         write no charts
          --from-json PATH    measure nothing: print the table of a run saved with --json, and write its charts and
                              Markdown again (with --charts, --markdown)
          --list              list the rules and scenarios, then exit
          -h, --help          show this help, then exit

        Exit codes: 0 done, 1 a scenario failed to run, 2 bad command line.
        """;

    public bool Quick { get; private set; }

    public HashSet<string> Rules { get; } = new(StringComparer.OrdinalIgnoreCase);

    public int? Repeat { get; private set; }

    public string? JsonPath { get; private set; }

    public string? MarkdownPath { get; private set; }

    public string? ChartsDirectory { get; private set; }

    public bool NoCharts { get; private set; }

    public string? FromJson { get; private set; }

    public bool List { get; private set; }

    public bool Help { get; private set; }

    /// <summary>Runs per side: --repeat, else 3 in quick mode and 7 in full mode.</summary>
    public int RunsPerSide => Repeat ?? (Quick ? 3 : 7);

    /// <summary>Parses the arguments; on a bad command line returns null and a message for stderr.</summary>
    public static Options? Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> knownRules, out string? error)
    {
        var options = new Options();
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string? inlineValue = null;
            var equals = arg.StartsWith("--", StringComparison.Ordinal) ? arg.IndexOf('=', StringComparison.Ordinal) : -1;
            if (equals > 0)
            {
                inlineValue = arg[(equals + 1)..];
                arg = arg[..equals];
            }

            switch (arg)
            {
                case "--quick":
                    options.Quick = NoValue(arg, inlineValue, ref error);
                    break;
                case "--no-charts":
                    options.NoCharts = NoValue(arg, inlineValue, ref error);
                    break;
                case "--list":
                    options.List = NoValue(arg, inlineValue, ref error);
                    break;
                case "-h" or "--help":
                    options.Help = NoValue(arg, inlineValue, ref error);
                    break;
                case "--filter":
                    if (Value(args, ref i, arg, inlineValue, ref error) is { } filter)
                    {
                        foreach (var rule in filter.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                        {
                            if (!knownRules.Contains(rule, StringComparer.OrdinalIgnoreCase))
                            {
                                error ??= $"unknown rule '{rule}' in --filter; the bench measures {string.Join(", ", knownRules)}.";
                            }

                            options.Rules.Add(rule);
                        }
                    }

                    break;
                case "--repeat":
                    if (Value(args, ref i, arg, inlineValue, ref error) is { } repeat)
                    {
                        if (int.TryParse(repeat, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 50)
                        {
                            options.Repeat = n;
                        }
                        else
                        {
                            error ??= $"--repeat takes a whole number from 1 to 50, not '{repeat}'.";
                        }
                    }

                    break;
                case "--json":
                    options.JsonPath = PathValue(args, ref i, arg, inlineValue, ref error);
                    break;
                case "--markdown":
                    options.MarkdownPath = PathValue(args, ref i, arg, inlineValue, ref error);
                    break;
                case "--from-json":
                    options.FromJson = PathValue(args, ref i, arg, inlineValue, ref error);
                    break;
                case "--charts":
                    options.ChartsDirectory = PathValue(args, ref i, arg, inlineValue, ref error);
                    break;
                default:
                    error ??= arg.StartsWith('-')
                        ? $"unknown option '{arg}'."
                        : $"unexpected argument '{arg}' (the bench takes options only).";
                    break;
            }
        }

        if (options.FromJson is not null && (options.Quick || options.Repeat is not null || options.Rules.Count > 0 || options.JsonPath is not null))
        {
            error ??= "--from-json measures nothing: it takes only --charts, --no-charts and --markdown.";
        }

        if (options.NoCharts && options.ChartsDirectory is not null)
        {
            error ??= "--charts and --no-charts cannot be used together.";
        }

        return error is null ? options : null;
    }

    private static bool NoValue(string name, string? inlineValue, ref string? error)
    {
        if (inlineValue is not null)
        {
            error ??= $"{name} takes no value.";
        }

        return true;
    }

    private static string? Value(IReadOnlyList<string> args, ref int i, string name, string? inlineValue, ref string? error)
    {
        if (inlineValue is not null)
        {
            if (inlineValue.Length == 0)
            {
                error ??= $"{name} needs a value.";
                return null;
            }

            return inlineValue;
        }

        if (i + 1 >= args.Count || (args[i + 1].StartsWith('-') && args[i + 1].Length > 1))
        {
            error ??= $"{name} needs a value.";
            return null;
        }

        return args[++i];
    }

    private static string? PathValue(IReadOnlyList<string> args, ref int i, string name, string? inlineValue, ref string? error)
    {
        var value = Value(args, ref i, name, inlineValue, ref error);
        if (value is not null && value.IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0)
        {
            error ??= $"{name}: '{value}' is not a valid path.";
            return null;
        }

        return value;
    }
}
