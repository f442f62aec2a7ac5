using System;
using System.Collections.Generic;
using System.Linq;
using AnalyzerPerf.Corpus;

namespace AnalyzerPerf.Measurement;

/// <summary>Measures each corpus several times, interleaving compile and analysis, and keeps the medians.</summary>
public sealed class PerfRun
{
    private readonly Measurer _measurer;
    private readonly int _runs;
    private readonly Action<string> _log;

    public PerfRun(Measurer measurer, int runs, Action<string> log)
    {
        _measurer = measurer;
        _runs = runs;
        _log = log;
    }

    /// <summary>Failures met on the way: compile errors in the corpus, analyzer exceptions.</summary>
    public List<string> Failures { get; } = new();

    /// <summary>One untimed pass, so the first measured corpus does not pay for JIT compilation.</summary>
    public void WarmUp(IReadOnlyList<SourceFile> files)
    {
        _measurer.Compile(files);
        _measurer.Analyze(files);
    }

    public CorpusResult Measure(string label, int size, IReadOnlyList<SourceFile> files)
    {
        var compile = new List<double>();
        var analyzers = new Dictionary<string, List<double>>();
        var diagnostics = new Dictionary<string, int>();
        for (var run = 0; run < _runs; run++)
        {
            Settle();
            var (elapsed, errors) = _measurer.Compile(files);
            compile.Add(elapsed.TotalMilliseconds);
            if (run == 0 && errors.Count > 0)
            {
                Failures.Add($"{label}: {errors.Count} compile errors, first: {errors[0]}");
            }

            Settle();
            var analysis = _measurer.Analyze(files);
            foreach (var (analyzer, time) in analysis.Times)
            {
                var name = AnalyzerSet.Name(analyzer);
                if (!analyzers.TryGetValue(name, out var times))
                {
                    analyzers[name] = times = new List<double>();
                }

                times.Add(time.TotalMilliseconds);
            }

            if (run == 0)
            {
                Failures.AddRange(analysis.Failures.Select(f => $"{label}: {f}"));
                foreach (var group in analysis.Diagnostics.GroupBy(d => d.Id))
                {
                    diagnostics[group.Key] = group.Count();
                }
            }

            _log($"  {label} run {run + 1}/{_runs}: compile {elapsed.TotalMilliseconds:F0} ms, analyzers {analysis.Times.Values.Sum(t => t.TotalMilliseconds):F0} ms");
        }

        return new CorpusResult(
            label,
            size,
            files.Count,
            files.Sum(f => f.Lines),
            Median(compile),
            analyzers.ToDictionary(p => p.Key, p => Median(p.Value)),
            diagnostics);
    }

    /// <summary>
    /// Collects the garbage of the previous phase, so no timed phase pays for the last one's: a compile leaves hundreds
    /// of megabytes behind, and the collection that frees them would otherwise land in whichever analyzer callback
    /// happens to be running.
    /// </summary>
    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
