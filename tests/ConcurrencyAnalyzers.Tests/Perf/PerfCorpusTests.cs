using System.Linq;
using AnalyzerPerf.Corpus;
using AnalyzerPerf.Measurement;

namespace ConcurrencyAnalyzers.Tests.Perf;

/// <summary>
/// samples/AnalyzerPerf measures the analyzers on generated code. That code must compile (or the figures would time
/// error recovery), must hold the shapes the rules look at, and the analyzers must report the same on it with
/// concurrent execution on and off and from one run to the next.
/// </summary>
public class PerfCorpusTests
{
    private static readonly Measurer Measurer = new(AnalyzerSet.Load());

    [Fact]
    public void The_realistic_corpus_compiles_without_errors()
    {
        var files = CorpusGenerator.Realistic(size: 1, seed: 8, modulesPerUnit: 4);
        var (_, errors) = Measurer.Compile(files);
        Assert.Empty(errors);
        Assert.Equal(4 * 6, files.Count);
    }

    [Fact]
    public void The_pathological_corpus_compiles_and_has_its_shapes()
    {
        var files = CorpusGenerator.Pathological();
        var (_, errors) = Measurer.Compile(files);
        Assert.Empty(errors);
        Assert.InRange(files.Single(f => f.Path.EndsWith("Huge.cs")).Lines, 20_000, 20_200);
        Assert.InRange(files.Single(f => f.Path.EndsWith("LongMethod.cs")).Lines, 3_000, 3_100);
    }

    [Fact]
    public void The_same_seed_gives_the_same_sources_and_another_seed_other_ones()
    {
        var first = CorpusGenerator.Realistic(1, seed: 3, modulesPerUnit: 3).Select(f => f.Text);
        var again = CorpusGenerator.Realistic(1, seed: 3, modulesPerUnit: 3).Select(f => f.Text);
        var other = CorpusGenerator.Realistic(1, seed: 4, modulesPerUnit: 3).Select(f => f.Text);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Every_analyzer_of_the_package_is_measured()
    {
        var measured = AnalyzerSet.Load().Select(a => a.GetType()).OrderBy(t => t.Name);
        var shipped = Infrastructure.ProductCatalog.Analyzers.Select(a => a.GetType()).OrderBy(t => t.Name);
        Assert.Equal(shipped, measured);
    }

    [Fact]
    public void Results_are_identical_with_concurrency_on_and_off_and_across_runs()
    {
        var files = CorpusGenerator.Realistic(size: 1, seed: 11, modulesPerUnit: 12).Concat(CorpusGenerator.Pathological()).ToList();
        var sequential = Measurer.Analyze(files, concurrent: false);
        var concurrent = Measurer.Analyze(files, concurrent: true);
        var again = Measurer.Analyze(files, concurrent: true);
        Assert.Empty(sequential.Failures);
        Assert.Empty(concurrent.Failures);
        Assert.NotEmpty(sequential.Diagnostics);
        Assert.Equal(Describe(sequential), Describe(concurrent));
        Assert.Equal(Describe(concurrent), Describe(again));
    }

    [Fact]
    public void Binding_bodies_first_changes_no_result_and_times_only_the_package()
    {
        var files = CorpusGenerator.Realistic(size: 1, seed: 11, modulesPerUnit: 6);
        var plain = Measurer.Analyze(files);
        var boundFirst = new Measurer(AnalyzerSet.Load(), bindFirst: true).Analyze(files);
        Assert.Empty(boundFirst.Failures);
        Assert.NotEmpty(plain.Diagnostics);
        Assert.Equal(Describe(plain), Describe(boundFirst));
        Assert.Equal(plain.Times.Keys.Select(a => a.GetType()).OrderBy(t => t.Name), boundFirst.Times.Keys.Select(a => a.GetType()).OrderBy(t => t.Name));
    }

    private static string[] Describe(AnalysisRun run) =>
        run.Diagnostics.Select(d => $"{d.Id} {d.Location.GetLineSpan()} {d.GetMessage()}").OrderBy(s => s, System.StringComparer.Ordinal).ToArray();
}
