using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using ConcurrencyAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace ConcurrencyAnalyzers.Tests.Meta;

/// <summary>
/// Thousands of broken inputs derived from every source the rule tests use (truncated, tokens deleted or duplicated,
/// braces unbalanced, references missing): no analyzer or fix may throw, nor report a failure as AD0001. The sources are
/// split into four shards so the test runner can spread them over the cores.
/// </summary>
public class MutationRobustnessTests
{
    private const int Shards = 4;

    public static TheoryData<int> ShardNumbers => new(Enumerable.Range(0, Shards));

    [Fact]
    public void The_test_sources_are_found()
    {
        Assert.True(TestSources.All.Count >= 100, $"only {TestSources.All.Count} test sources were found");
    }

    [Theory]
    [MemberData(nameof(ShardNumbers))]
    public async Task No_analyzer_or_fix_throws_on_broken_test_sources(int shard)
    {
        var references = await AnalyzerRunner.ReferencesAsync();
        var variants = 0;
        for (var index = shard; index < TestSources.All.Count; index += Shards)
        {
            var source = TestSources.All[index];
            foreach (var (kind, variant) in SourceMutator.Mutate(source, perKind: 2, seed: index))
            {
                // Every third variant also loses its references, as in a project whose restore failed.
                var withReferences = variants % 3 != 0;
                var compilation = AnalyzerRunner.Compile(variant, withReferences ? references : ImmutableArray<MetadataReference>.Empty);
                var (diagnostics, failures) = await AnalyzerRunner.AnalyzeAsync(compilation);
                Assert.True(failures.Count == 0, $"{kind} variant of test source #{index}:\n{variant}\n\n{string.Join("\n", failures)}");
                if (!diagnostics.IsEmpty)
                {
                    var fixFailures = await AnalyzerRunner.ApplyFixesAsync(variant, diagnostics, withReferences ? references : []);
                    Assert.True(fixFailures.Count == 0, $"{kind} variant of test source #{index}:\n{variant}\n\n{string.Join("\n", fixFailures)}");
                }

                variants++;
            }
        }

        // Four shards of at least 250 variants: over a thousand broken inputs in all.
        Assert.True(variants >= 250, $"shard {shard} checked only {variants} variants");
    }
}
