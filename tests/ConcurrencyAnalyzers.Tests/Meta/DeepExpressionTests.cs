using System.Linq;
using System.Threading.Tasks;
using ConcurrencyAnalyzers.Tests.Infrastructure;

namespace ConcurrencyAnalyzers.Tests.Meta;

/// <summary>
/// A left-deep expression as long as hand-written code gets (a long concatenation, a sum of many terms) is an operation
/// tree thousands of levels deep: no analyzer may walk it by recursion so deep that the stack runs out.
/// </summary>
public class DeepExpressionTests
{
    [Theory]
    [InlineData(3_000)]
    [InlineData(20_000)]
    public async Task A_long_binary_chain_is_analyzed_without_failure(int terms)
    {
        var sum = string.Join(" + ", Enumerable.Range(0, terms).Select(i => $"x{i % 10}"));
        var source = $$"""
            using System.Threading.Tasks;
            public class C
            {
                public async Task<int> M(int x0, int x1, int x2, int x3, int x4, int x5, int x6, int x7, int x8, int x9)
                {
                    await Task.Yield();
                    var total = {{sum}};
                    for (var i = 0; i < 100; i++) { total += {{sum}}; }
                    return total;
                }

                public int S(int x0, int x1, int x2, int x3, int x4, int x5, int x6, int x7, int x8, int x9)
                {
                    var shared = 0;
                    System.Threading.Tasks.Parallel.For(0, 4, i => { shared += {{sum}}; });
                    return shared + Task.Run(() => {{sum}}).Result;
                }
            }
            """;
        var references = await AnalyzerRunner.ReferencesAsync();
        var (diagnostics, failures) = await AnalyzerRunner.AnalyzeAsync(AnalyzerRunner.Compile(source, references));
        Assert.Empty(failures);
        Assert.Contains(diagnostics, d => d.Id == "CONC0301"); // the walks still reach the update beside the chain
        var fixFailures = await AnalyzerRunner.ApplyFixesAsync(source, diagnostics, references);
        Assert.True(fixFailures.Count == 0, string.Join("\n", fixFailures));
    }
}
