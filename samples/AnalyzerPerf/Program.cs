using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using AnalyzerPerf;
using AnalyzerPerf.Corpus;
using AnalyzerPerf.Measurement;

var options = PerfOptions.Parse(args, out var error);
if (options is null)
{
    Console.Error.WriteLine($"error: {error}");
    Console.Error.WriteLine("Run with --help for the options.");
    return 2;
}

if (options.Help)
{
    Console.WriteLine(PerfOptions.Usage);
    return 0;
}

var analyzers = AnalyzerSet.Load();
Console.WriteLine($"{analyzers.Length} analyzers ({string.Join(", ", analyzers.Select(AnalyzerSet.Name))}); {options.RunsPerMeasurement} runs per figure; {Environment.ProcessorCount} cores");
var run = new PerfRun(new Measurer(analyzers, options.BindFirst), options.RunsPerMeasurement, Console.WriteLine);
// Two untimed passes over the 1x corpus: tiered JIT compiles the compiler's and the analyzers' hot paths fully
// optimized only after they have run a while, as in a long-lived compiler server.
var warmUp = CorpusGenerator.Realistic(1, options.Seed, options.ModulesPerUnit);
run.WarmUp(warmUp);
run.WarmUp(warmUp);

var results = new List<CorpusResult>();
foreach (var size in new[] { 1, 2, 4 })
{
    results.Add(run.Measure($"realistic {size}×", size, CorpusGenerator.Realistic(size, options.Seed, options.ModulesPerUnit)));
}

results.Add(run.Measure("pathological", 0, CorpusGenerator.Pathological()));

Console.WriteLine();
Console.WriteLine(Report.Text(results));
var missed = Targets.Missed(results.Where(r => r.Size > 0).ToList());
foreach (var line in missed)
{
    Console.WriteLine($"target missed: {line}");
}

if (options.MarkdownPath is { } markdownPath)
{
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(markdownPath))!);
    File.WriteAllText(markdownPath, Report.Markdown(results, missed, options.RunsPerMeasurement, options.Seed, options.ModulesPerUnit, options.BindFirst));
    Console.WriteLine($"wrote {markdownPath}");
}

foreach (var failure in run.Failures)
{
    Console.Error.WriteLine($"failure: {failure}");
}

return run.Failures.Count > 0 ? 1 : missed.Count > 0 ? 3 : 0;
