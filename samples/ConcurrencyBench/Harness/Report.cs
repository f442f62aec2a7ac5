using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using ConcurrencyBench.Scenarios;

namespace ConcurrencyBench.Harness;

/// <summary>One row of the table: one metric of one scenario, both sides summarized.</summary>
public sealed class MetricRow
{
    public string Metric { get; init; } = "";

    public string Unit { get; init; } = "";

    public bool HigherIsBetter { get; init; }

    public bool Primary { get; init; }

    /// <summary>The concurrency level (connections) of the metric, in scenarios measured at several; null otherwise.</summary>
    public int? Level { get; init; }

    public Summary Before { get; init; } = Summary.Empty;

    public Summary After { get; init; } = Summary.Empty;

    /// <summary>Some before run hit its time cap: its value is a bound.</summary>
    public bool BeforeBounded { get; init; }

    public bool AfterBounded { get; init; }

    /// <summary>How many times better after is than before (see <see cref="Stats.Gain"/>); NaN when not shown.</summary>
    public double Ratio { get; init; }

    public double? Limit { get; init; }

    public string? LimitNote { get; init; }

    public bool? WithinNoise { get; init; }

    public string BeforeText { get; init; } = "";

    public string AfterText { get; init; } = "";

    public string RatioText { get; init; } = "";

    public string LimitText { get; init; } = "";

    public string NoiseText => WithinNoise switch { true => "yes", false => "no", null => "—" };
}

/// <summary>Everything measured for one scenario.</summary>
public sealed class ScenarioReport
{
    public string Rule { get; init; } = "";

    public string Name { get; init; } = "";

    public string Title { get; init; } = "";

    public string Description { get; init; } = "";

    public string Change { get; init; } = "";

    public string? Expectation { get; init; }

    public string Correctness { get; set; } = "";

    public string? Failure { get; set; }

    public List<MetricRow> Metrics { get; init; } = new();

    public List<TrialResult> BeforeRuns { get; init; } = new();

    public List<TrialResult> AfterRuns { get; init; } = new();

    public string Slug => Rule + "-" + Name;
}

/// <summary>The whole run, as written to JSON.</summary>
public sealed class BenchReport
{
    public Machine Machine { get; init; } = new();

    public string Mode { get; init; } = "";

    public int RunsPerSide { get; init; }

    public double WallSeconds { get; set; }

    public List<ScenarioReport> Scenarios { get; init; } = new();
}

public static class Report
{
    private static readonly string[] Headers = { "Rule", "Scenario", "Metric", "Before", "After", "Ratio", "Limit", "Correctness", "Within noise" };

    /// <summary>Summarizes the runs of a scenario into its table rows and correctness note.</summary>
    public static void Summarize(Scenario scenario, ScenarioReport report)
    {
        var runs = report.BeforeRuns.Concat(report.AfterRuns).ToList();
        var anyCapped = runs.Any(r => r.HitCap);
        foreach (var spec in scenario.Metrics.Where(m => anyCapped || !m.OnlyWhenCapped))
        {
            var before = Stats.Summarize(report.BeforeRuns.Select(spec.Value));
            var after = Stats.Summarize(report.AfterRuns.Select(spec.Value));
            if (spec.OnlyWhenMeasured && before.Count == 0 && after.Count == 0)
            {
                continue;
            }

            var beforeBounded = spec.BoundedByCap && report.BeforeRuns.Any(r => r.HitCap);
            var afterBounded = spec.BoundedByCap && report.AfterRuns.Any(r => r.HitCap);
            var ratio = spec.ShowRatio ? Stats.Gain(before.Median, after.Median, spec.HigherIsBetter) : double.NaN;
            var limit = spec.Limit ?? MeasuredLimit(spec, runs);
            report.Metrics.Add(new MetricRow
            {
                Metric = spec.Name,
                Unit = spec.Unit,
                HigherIsBetter = spec.HigherIsBetter,
                Primary = spec.Primary,
                Level = spec.Level,
                Before = before,
                After = after,
                BeforeBounded = beforeBounded,
                AfterBounded = afterBounded,
                Ratio = ratio,
                Limit = limit,
                LimitNote = spec.LimitNote,
                WithinNoise = Stats.WithinNoise(before, after),
                BeforeText = Cell(before, spec, beforeBounded, report.BeforeRuns.Count),
                AfterText = Cell(after, spec, afterBounded, report.AfterRuns.Count),
                RatioText = RatioCell(spec, before, after, beforeBounded, afterBounded),
                LimitText = limit is { } bound ? (spec.HigherIsBetter ? "≤ " : "≥ ") + WithUnit(bound, spec.Unit) : "",
            });
        }

        var checkedResults = runs.Sum(r => r.Completed);
        var wrong = runs.Sum(r => r.Completed - r.Correct);
        var capped = report.BeforeRuns.Count(r => r.HitCap);
        var cappedAfter = report.AfterRuns.Count(r => r.HitCap);
        var check = scenario.CheckCorrectness(report.BeforeRuns, report.AfterRuns);
        var text = check is not null ? check.Text
            : wrong > 0 ? $"WRONG: {wrong:N0} of {checkedResults:N0}" : $"ok ({checkedResults:N0} checked)";
        if (check?.Error is not null)
        {
            report.Failure = check.Error;
        }

        if (capped > 0)
        {
            text += $"; before hit the cap in {capped}/{report.BeforeRuns.Count} runs";
        }

        if (cappedAfter > 0)
        {
            text += $"; after hit the cap in {cappedAfter}/{report.AfterRuns.Count} runs";
        }

        report.Correctness = text;
    }

    /// <summary>The median of the limit each run measured for itself, or null.</summary>
    private static double? MeasuredLimit(MetricSpec spec, IEnumerable<TrialResult> runs)
    {
        if (spec.MeasuredLimit is null)
        {
            return null;
        }

        var summary = Stats.Summarize(runs.Select(spec.MeasuredLimit));
        return summary.Count == 0 ? null : summary.Median;
    }

    /// <summary>The plain-text table printed at the end of a run.</summary>
    public static string Table(BenchReport bench)
    {
        var rows = Rows(bench).ToList();
        var widths = Headers.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        var text = new StringBuilder();
        void Line(IReadOnlyList<string> cells) =>
            text.AppendLine(string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        Line(Headers);
        text.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        string? lastScenario = null;
        foreach (var row in rows)
        {
            if (lastScenario is not null && row[1].Length > 0)
            {
                text.AppendLine();
            }

            lastScenario = row[1].Length > 0 ? row[1] : lastScenario;
            Line(row);
        }

        return text.ToString();
    }

    /// <summary>The notes printed under the table (and written under the Markdown table).</summary>
    public static string Notes(BenchReport bench, bool markdown)
    {
        var text = new StringBuilder();
        var bullet = markdown ? "- " : "  ";
        text.AppendLine(markdown ? "**How to read it.**" : "How to read it:");
        text.AppendLine(bullet + $"Before/After: median of {bench.RunsPerSide} interleaved runs per side, each in a fresh process (cold thread pool), with min–max in brackets.");
        text.AppendLine(bullet + "Ratio: how many times better the fixed code is (before ÷ after for times and counts, after ÷ before for rates); below 1 means the fix costs.");
        text.AppendLine(bullet + "Limit: the physical bound the metric cannot pass on any machine (≥ a floor for times, ≤ a ceiling for rates).");
        text.AppendLine(bullet + "Within noise: yes when the two sides' min–max ranges overlap; '≥' marks a run stopped by its time cap (the ratio is then a lower bound).");
        text.AppendLine();
        text.AppendLine(markdown ? "**Scenarios.**" : "Scenarios:");
        foreach (var scenario in bench.Scenarios)
        {
            var change = markdown ? $"`{scenario.Change}`" : scenario.Change;
            text.AppendLine($"{bullet}{scenario.Rule} {scenario.Name}: {scenario.Description} Fix: {change}.");
            foreach (var row in scenario.Metrics.Where(r => r.LimitNote is not null))
            {
                text.AppendLine($"{(markdown ? "  - " : "    ")}Limit of {row.Metric}: {row.LimitText} ({row.LimitNote}).");
            }

            if (scenario.Expectation is not null)
            {
                text.AppendLine($"{(markdown ? "  - " : "    ")}Expected: {scenario.Expectation}.");
            }

            if (scenario.Failure is not null)
            {
                text.AppendLine($"{(markdown ? "  - " : "    ")}FAILED: {scenario.Failure}");
            }
        }

        return text.ToString();
    }

    public static string Markdown(BenchReport bench, IReadOnlyList<(ScenarioReport Scenario, string Chart, string Threads)> charts)
    {
        var m = bench.Machine;
        var text = new StringBuilder();
        text.AppendLine("<!-- Written by samples/ConcurrencyBench (--markdown). Do not edit by hand: run the bench again. -->");
        text.AppendLine();
        text.AppendLine("# Benchmarks: what each fix buys");
        text.AppendLine();
        text.AppendLine("`samples/ConcurrencyBench` runs the code each rule flags (before) and exactly what its code fix makes of it "
            + "(after; a test keeps the two in step) on the same workload, interleaved and repeated, each run in a fresh process "
            + "with a cold thread pool. This page is its output:");
        text.AppendLine();
        text.AppendLine("```sh");
        text.AppendLine("dotnet run -c Release --project samples/ConcurrencyBench -- --json docs/benchmarks/results.json --markdown docs/benchmarks.md");
        text.AppendLine("```");
        text.AppendLine();
        text.AppendLine($"Measured on **{m.Cores} cores** ({m.Cpu}), **{m.Os}**, **{m.Runtime}**, on {m.Date}; "
            + $"{bench.Mode} mode, {bench.RunsPerSide} runs per side, {bench.WallSeconds:0} s in all.");
        text.AppendLine();
        text.AppendLine("| " + string.Join(" | ", Headers) + " |");
        text.AppendLine("|" + string.Join("|", Headers.Select((_, i) => i is >= 3 and <= 6 ? "---:" : "---")) + "|");
        foreach (var row in Rows(bench))
        {
            text.AppendLine("| " + string.Join(" | ", row.Select(EscapeCell)) + " |");
        }

        text.AppendLine();
        text.Append(Notes(bench, markdown: true));
        if (charts.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("**Charts.**");
            text.AppendLine();
            foreach (var (scenario, chart, threads) in charts)
            {
                text.AppendLine($"{scenario.Rule} {scenario.Name}:");
                text.AppendLine();
                text.AppendLine($"![{scenario.Rule} {scenario.Name}, before vs after]({chart}) ![{scenario.Rule} {scenario.Name}, thread-pool threads over time]({threads})");
                text.AppendLine();
            }
        }

        return text.ToString();
    }

    public static string Format(double value, string unit)
    {
        if (double.IsNaN(value))
        {
            return "—";
        }

        var abs = Math.Abs(value);
        var format = unit.Length == 0 || abs >= 100 ? "#,0" : abs >= 10 ? "#,0.#" : "#,0.##";
        return value.ToString(format, CultureInfo.InvariantCulture);
    }

    public static string WithUnit(double value, string unit) => unit.Length == 0 ? Format(value, unit) : Format(value, unit) + " " + unit;

    private static IEnumerable<string[]> Rows(BenchReport bench)
    {
        foreach (var scenario in bench.Scenarios)
        {
            if (scenario.Failure is not null && scenario.Metrics.Count == 0)
            {
                yield return new[] { scenario.Rule, scenario.Title, "(failed)", "", "", "", "", scenario.Failure, "" };
                continue;
            }

            var first = true;
            foreach (var row in scenario.Metrics)
            {
                yield return new[]
                {
                    first ? scenario.Rule : "",
                    first ? scenario.Title : "",
                    row.Metric,
                    row.BeforeText,
                    row.AfterText,
                    row.RatioText,
                    row.LimitText,
                    row.Primary ? scenario.Correctness : "",
                    row.NoiseText,
                };
                first = false;
            }
        }
    }

    private static string Cell(Summary summary, MetricSpec spec, bool bounded, int runs)
    {
        if (summary.Count == 0)
        {
            return spec.Unit == "ms" ? "none completed" : "—";
        }

        var median = (bounded && summary.Median >= summary.Max ? "≥ " : "") + WithUnit(summary.Median, spec.Unit);
        var text = summary.Count == 1 || summary.Min == summary.Max
            ? median
            : $"{median} ({Format(summary.Min, spec.Unit)}–{(bounded ? "≥ " : "")}{Format(summary.Max, spec.Unit)})";

        // A latency exists only for runs where some request completed: say how many runs the value stands on.
        return summary.Count < runs ? $"{text} [{summary.Count} of {runs} runs]" : text;
    }

    private static string RatioCell(MetricSpec spec, Summary before, Summary after, bool beforeBounded, bool afterBounded)
    {
        if (!spec.ShowRatio || before.Count == 0 || after.Count == 0)
        {
            return "—";
        }

        // The ratio reads "times better after the fix": after ÷ before for rates, before ÷ after otherwise.
        var numerator = spec.HigherIsBetter ? after.Median : before.Median;
        var denominator = spec.HigherIsBetter ? before.Median : after.Median;
        if (denominator == 0)
        {
            if (numerator == 0)
            {
                return "1×";
            }

            // The median run of the worse side measured nothing (no request completed): no finite ratio says it better.
            return "∞ (median before is 0)";
        }

        var ratio = numerator / denominator;
        var prefix = beforeBounded && !afterBounded ? "≥ " : afterBounded && !beforeBounded ? "≤ " : "";
        return prefix + Times(ratio);
    }

    private static string Times(double ratio) =>
        ratio.ToString(ratio >= 100 ? "#,0" : ratio >= 10 ? "#,0.#" : "0.0#", CultureInfo.InvariantCulture) + "×";

    private static string EscapeCell(string cell) => cell.Replace("|", "\\|", StringComparison.Ordinal);
}
