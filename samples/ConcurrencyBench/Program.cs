using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ConcurrencyBench.Harness;
using ConcurrencyBench.Scenarios;

namespace ConcurrencyBench;

public static class Program
{
    // Synchronous on purpose: the main thread is not a thread-pool thread, so a child waits for its run here without
    // taking one of the cold pool's threads.
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == ChildProcess.Flag)
        {
            return RunChild(args);
        }

        var options = Options.Parse(args, Catalog.Rules, out var error);
        if (options is null)
        {
            Console.Error.WriteLine("ConcurrencyBench: " + error);
            Console.Error.WriteLine("Run with --help for the options.");
            return 2;
        }

        if (options.Help)
        {
            Console.WriteLine(Options.Usage);
            return 0;
        }

        if (options.List)
        {
            foreach (var scenario in Catalog.All)
            {
                Console.WriteLine($"{scenario.Rule}  {scenario.Name,-14} {scenario.Title}");
                Console.WriteLine($"{"",24}{scenario.Change}");
            }

            return 0;
        }

        return RunAsync(options).GetAwaiter().GetResult();
    }

    private static int RunChild(string[] args)
    {
        if (args.Length < 3 || Catalog.Find(args[1]) is not { } scenario || args[2] is not ("before" or "after"))
        {
            Console.Error.WriteLine("ConcurrencyBench: --child SCENARIO before|after [ARGS...] is internal to the bench.");
            return 2;
        }

        return scenario.RunChild(args[2] == "before" ? Side.Before : Side.After, args.Skip(3).ToArray());
    }

    private static async Task<int> RunAsync(Options options)
    {
#if DEBUG
        Console.Error.WriteLine("warning: this is a Debug build; run with -c Release for figures worth quoting.");
#endif
        if (options.FromJson is { } saved)
        {
            BenchReport? loaded;
            try
            {
                loaded = JsonSerializer.Deserialize<BenchReport>(File.ReadAllText(saved), Json.Options);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
            {
                Console.Error.WriteLine($"ConcurrencyBench: cannot read {saved}: {e.Message}");
                return 2;
            }

            if (loaded is null)
            {
                Console.Error.WriteLine($"ConcurrencyBench: {saved} holds no results.");
                return 2;
            }

            // Summaries are recomputed from the saved runs by today's code, where the scenario still exists.
            foreach (var report in loaded.Scenarios)
            {
                if (Catalog.Find(report.Rule + "/" + report.Name) is { } scenario && report.BeforeRuns.Count > 0 && report.AfterRuns.Count > 0)
                {
                    report.Metrics.Clear();
                    Report.Summarize(scenario, report);
                }
            }

            Publish(loaded, options);
            return 0;
        }

        var scenarios = Catalog.All.Where(s => options.Rules.Count == 0 || options.Rules.Contains(s.Rule)).ToList();
        var bench = new BenchReport
        {
            Machine = Machine.Read(),
            Mode = options.Repeat is not null ? "custom" : options.Quick ? "quick" : "full",
            RunsPerSide = options.RunsPerSide,
        };

        // The parent plays the client and the remote services: its own pool is grown up front so that it never limits
        // what the child processes show.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 256), Math.Max(io, 256));

        Console.WriteLine($"ConcurrencyBench — {bench.Machine}");
        Console.WriteLine($"{bench.Mode} mode: {scenarios.Count} scenarios, {bench.RunsPerSide} runs per side, before and after interleaved, each run in a fresh process.");
        Console.WriteLine();

        var wall = Stopwatch.StartNew();
        var failed = false;
        foreach (var scenario in scenarios)
        {
            scenario.Configure(options.Quick);
            var report = new ScenarioReport
            {
                Rule = scenario.Rule,
                Name = scenario.Name,
                Title = scenario.Title,
                Description = scenario.Description,
                Change = scenario.Change,
                Expectation = scenario.Expectation,
            };
            bench.Scenarios.Add(report);
            try
            {
                await RunScenarioAsync(scenario, report, bench.RunsPerSide);
                Report.Summarize(scenario, report);
                if (report.Failure is not null)
                {
                    // The runs completed but their results are wrong (e.g. the fixed code lost updates).
                    failed = true;
                    Console.Error.WriteLine($"[{scenario.Key}] failed: {report.Failure}");
                }
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or System.ComponentModel.Win32Exception or JsonException or System.Net.Http.HttpRequestException)
            {
                failed = true;
                report.Failure = e.Message;
                Console.Error.WriteLine($"[{scenario.Key}] failed: {e.Message}");
            }
        }

        bench.WallSeconds = wall.Elapsed.TotalSeconds;
        Console.WriteLine();
        Publish(bench, options);
        return failed ? 1 : 0;
    }

    /// <summary>Prints the table and writes the charts, JSON and Markdown the options ask for.</summary>
    private static void Publish(BenchReport bench, Options options)
    {
        Console.Write(Report.Table(bench));
        Console.WriteLine();
        Console.Write(Report.Notes(bench, markdown: false));
        Console.WriteLine();

        var charts = new List<(ScenarioReport, string, string)>();
        if (!options.NoCharts)
        {
            var directory = Path.GetFullPath(options.ChartsDirectory ?? DefaultChartsDirectory());
            foreach (var report in bench.Scenarios.Where(r => r.Metrics.Count > 0))
            {
                var (chart, threads) = Charts.Write(report, bench.RunsPerSide, directory);
                charts.Add((report, Path.Combine(directory, chart), Path.Combine(directory, threads)));
            }

            Console.WriteLine($"charts: {charts.Count * 2} SVG files in {directory}");
        }

        if (options.JsonPath is { } json)
        {
            WriteFile(json, JsonSerializer.Serialize(bench, Json.Indented));
            Console.WriteLine($"json: {Path.GetFullPath(json)}");
        }

        if (options.MarkdownPath is { } markdown)
        {
            // Chart links are relative to the Markdown file, so the page shows them wherever the repository is.
            var from = Path.GetDirectoryName(Path.GetFullPath(markdown))!;
            var links = charts.Select(c => (c.Item1, Link(from, c.Item2), Link(from, c.Item3))).ToList();
            WriteFile(markdown, Report.Markdown(bench, links));
            Console.WriteLine($"markdown: {Path.GetFullPath(markdown)}");
        }

        Console.WriteLine($"wall time: {bench.WallSeconds:0.0} s");
    }

    private static async Task RunScenarioAsync(Scenario scenario, ScenarioReport report, int runsPerSide)
    {
        var shared = await scenario.PrepareAsync();
        try
        {
            for (var run = 1; run <= runsPerSide; run++)
            {
                // Interleave and alternate the order (B A, A B, ...), so drift on a shared machine hits both sides alike.
                var order = run % 2 == 1 ? new[] { Side.Before, Side.After } : new[] { Side.After, Side.Before };
                foreach (var side in order)
                {
                    var started = Stopwatch.StartNew();
                    var result = await scenario.RunTrialAsync(side);
                    result.Run = run;
                    (side == Side.Before ? report.BeforeRuns : report.AfterRuns).Add(result);
                    var primary = scenario.Metrics.First(m => m.Primary);
                    Console.Error.WriteLine(
                        $"[{scenario.Key}] {side.ToString().ToLowerInvariant(),-6} run {run}/{runsPerSide}: "
                        + $"{(result.HitCap ? "≥ " : "")}{Report.WithUnit(primary.Value(result), primary.Unit)}, "
                        + $"peak {result.PeakThreads} pool threads{(result.Note is null ? "" : ", " + result.Note)} ({started.Elapsed.TotalSeconds:0.0} s)");
                }
            }
        }
        finally
        {
            if (shared is not null)
            {
                await shared.DisposeAsync();
            }
        }
    }

    /// <summary>docs/benchmarks under the repository root (found from the current folder), else under the current folder.</summary>
    private static string DefaultChartsDirectory()
    {
        for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Analyzers.sln")))
            {
                return Path.Combine(directory.FullName, "docs", "benchmarks");
            }
        }

        return Path.Combine("docs", "benchmarks");
    }

    private static string Link(string from, string to) => Path.GetRelativePath(from, to).Replace('\\', '/');

    private static void WriteFile(string path, string content)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, content);
    }
}
