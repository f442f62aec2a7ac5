using System.IO;
using System.Linq;
using System.Threading.Tasks;
using ConcurrencyAnalyzers.Tests.Infrastructure;

namespace ConcurrencyAnalyzers.Tests.Meta;

/// <summary>
/// samples/ConcurrencyBench measures Pairs/{id}/Before.cs against After.cs. After.cs must be exactly what the code fix
/// makes of Before.cs (the namespace line aside), so the benchmark measures the real fix and the two cannot drift.
/// </summary>
public class BenchPairTests
{
    private static string PairsFolder => Repository.PathOf("samples", "ConcurrencyBench", "Pairs");

    public static TheoryData<string> Pairs => new(Directory.GetDirectories(PairsFolder).Select(Path.GetFileName).OrderBy(n => n)!);

    [Fact]
    public void Every_rule_with_a_fix_has_a_pair()
    {
        foreach (var id in ProductCatalog.CodeFixes.SelectMany(fix => fix.FixableDiagnosticIds))
        {
            Assert.True(File.Exists(Path.Combine(PairsFolder, id, "Before.cs")), $"samples/ConcurrencyBench/Pairs/{id}/Before.cs is missing");
            Assert.True(File.Exists(Path.Combine(PairsFolder, id, "After.cs")), $"samples/ConcurrencyBench/Pairs/{id}/After.cs is missing");
        }
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task After_is_exactly_what_the_fix_makes_of_Before(string id)
    {
        var before = File.ReadAllText(Path.Combine(PairsFolder, id, "Before.cs"));
        var after = File.ReadAllText(Path.Combine(PairsFolder, id, "After.cs"));
        var expected = after.Replace($"namespace ConcurrencyBench.Pairs.{id}.After;", $"namespace ConcurrencyBench.Pairs.{id}.Before;");
        Assert.NotEqual(after, expected); // the namespace line is the one allowed difference, and it must be there

        var (fixedSource, diagnostics) = await AnalyzerRunner.FixAllAsync(before, id);
        Assert.True(diagnostics > 0, $"Pairs/{id}/Before.cs must show the shape {id} reports");
        Assert.Equal(expected, fixedSource);
    }
}
