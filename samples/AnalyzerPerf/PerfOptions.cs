using System;
using System.Collections.Generic;
using System.Globalization;

namespace AnalyzerPerf;

/// <summary>The command line of the harness. Unknown options are an error (exit code 2), never ignored.</summary>
public sealed class PerfOptions
{
    public const string Usage = """
        AnalyzerPerf: what every ConcurrencyAnalyzers analyzer costs, as a share of the plain compile time of the same
        generated code at 1x, 2x and 4x size, plus a compilation of pathological shapes.

        Usage: dotnet run -c Release --project samples/AnalyzerPerf -- [options]

        Options:
          --quick             20 modules per size unit and 3 runs per measurement (about a minute on 2 cores);
                              default: 60 modules (about 26,000 lines at 1x) and 5 runs
          --runs N            runs per measurement (the median is reported), 1 to 50
          --modules N         modules per size unit, 1 to 1000
          --seed N            seed of the corpus generator (default 8)
          --markdown PATH     write the report as Markdown (date, machine and Roslyn version included)
          --bind-first        bind every member body before the analyzers run and leave that time out, so each
                              analyzer's figure is its own work, not compiler binding it happened to ask for first
                              (a diagnostic view; the documented figures are measured without it)
          -h, --help          show this help, then exit

        Exit codes: 0 every target met, 1 the corpus failed to compile or an analyzer threw, 2 bad command line,
        3 a target was missed.
        """;

    public bool Quick { get; private set; }

    public int? Runs { get; private set; }

    public int? Modules { get; private set; }

    public int Seed { get; private set; } = 8;

    public string? MarkdownPath { get; private set; }

    public bool Help { get; private set; }

    public bool BindFirst { get; private set; }

    public int RunsPerMeasurement => Runs ?? (Quick ? 3 : 5);

    public int ModulesPerUnit => Modules ?? (Quick ? 20 : Corpus.CorpusGenerator.Modules);

    /// <summary>Parses the arguments; on a bad command line returns null and a message for stderr.</summary>
    public static PerfOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var options = new PerfOptions();
        error = null;
        for (var i = 0; i < args.Count && error is null; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    options.Quick = true;
                    break;
                case "-h":
                case "--help":
                    options.Help = true;
                    break;
                case "--runs":
                    options.Runs = Number(args, ref i, 1, 50, ref error);
                    break;
                case "--modules":
                    options.Modules = Number(args, ref i, 1, 1000, ref error);
                    break;
                case "--seed":
                    options.Seed = Number(args, ref i, 0, int.MaxValue, ref error) ?? options.Seed;
                    break;
                case "--bind-first":
                    options.BindFirst = true;
                    break;
                case "--markdown":
                    options.MarkdownPath = Value(args, ref i, ref error);
                    break;
                default:
                    error = $"unknown option '{args[i]}'";
                    break;
            }
        }

        return error is null ? options : null;
    }

    private static string? Value(IReadOnlyList<string> args, ref int i, ref string? error)
    {
        if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            error = $"{args[i]} needs a value";
            return null;
        }

        return args[++i];
    }

    private static int? Number(IReadOnlyList<string> args, ref int i, int min, int max, ref string? error)
    {
        var name = args[i];
        var text = Value(args, ref i, ref error);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            error = $"{name} takes a whole number from {min} to {max}, not '{text}'";
            return null;
        }

        return value;
    }
}
