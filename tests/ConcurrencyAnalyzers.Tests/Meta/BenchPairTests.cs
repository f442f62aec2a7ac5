using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using ConcurrencyAnalyzers.Tests.Infrastructure;

namespace ConcurrencyAnalyzers.Tests.Meta;

/// <summary>
/// samples/ConcurrencyBench measures Pairs/{id}/Before.cs against After.cs. After.cs must be exactly what the code fix
/// makes of Before.cs (the namespace line aside), so the benchmark measures the real fix and the two cannot drift.
/// A fix with several actions has a pair per measured action, Pairs/{id}.{Action}, fixed with the action whose
/// equivalence key is the folder's name; Pairs/{id} is the default action's. (A rule fixed by another rule's fix uses
/// that fix's keys: see <see cref="ActionKey"/>.)
/// </summary>
public class BenchPairTests
{
    private static string PairsFolder => Repository.PathOf("samples", "ConcurrencyBench", "Pairs");

    private static string[] PairNames => Directory.GetDirectories(PairsFolder).Select(Path.GetFileName).OrderBy(n => n).ToArray()!;

    public static TheoryData<string> Pairs => new(PairNames);

    [Fact]
    public void Every_rule_with_a_fix_has_a_pair()
    {
        foreach (var id in ProductCatalog.CodeFixes.SelectMany(fix => fix.FixableDiagnosticIds))
        {
            Assert.True(File.Exists(Path.Combine(PairsFolder, id, "Before.cs")), $"samples/ConcurrencyBench/Pairs/{id}/Before.cs is missing");
            Assert.True(File.Exists(Path.Combine(PairsFolder, id, "After.cs")), $"samples/ConcurrencyBench/Pairs/{id}/After.cs is missing");
        }
    }

    [Fact]
    public void Every_action_pair_names_a_rule_with_a_fix()
    {
        var fixable = ProductCatalog.CodeFixes.SelectMany(fix => fix.FixableDiagnosticIds).ToHashSet();
        foreach (var pair in PairNames)
        {
            Assert.Matches(@"^CONC[0-9]{4}(\.[A-Z][A-Za-z]*)?$", pair);
            Assert.Contains(RuleOf(pair), fixable);
        }
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task After_is_exactly_what_the_fix_makes_of_Before(string pair)
    {
        var before = File.ReadAllText(Path.Combine(PairsFolder, pair, "Before.cs"));
        var after = File.ReadAllText(Path.Combine(PairsFolder, pair, "After.cs"));
        var expected = after.Replace($"namespace ConcurrencyBench.Pairs.{pair}.After;", $"namespace ConcurrencyBench.Pairs.{pair}.Before;");
        Assert.NotEqual(after, expected); // the namespace line is the one allowed difference, and it must be there

        var id = RuleOf(pair);
        var (fixedSource, diagnostics) = await AnalyzerRunner.FixAllAsync(before, id, equivalenceKey: ActionKey(pair));
        Assert.True(diagnostics > 0, $"Pairs/{pair}/Before.cs must show the shape {id} reports");
        if (Environment.GetEnvironmentVariable("CONC_UPDATE_PAIRS") == "1")
        {
            // Writes the fix's output as After.cs: review the diff before committing it.
            File.WriteAllText(
                Path.Combine(PairsFolder, pair, "After.cs"),
                fixedSource.Replace($"namespace ConcurrencyBench.Pairs.{pair}.Before;", $"namespace ConcurrencyBench.Pairs.{pair}.After;"));
            return;
        }

        Assert.Equal(expected, fixedSource);
    }

    /// <summary>
    /// The equivalence key of the pair's action. A fix names its actions after the first rule it fixes, so a rule fixed
    /// by another rule's fix is fixed with that rule's keys: CONC0304 → CONC0301, CONC0304.Lock → CONC0301.Lock.
    /// </summary>
    private static string ActionKey(string pair)
    {
        var id = RuleOf(pair);
        var owner = ProductCatalog.CodeFixes.Single(fix => fix.FixableDiagnosticIds.Contains(id)).FixableDiagnosticIds[0];
        return owner + pair.Substring(id.Length);
    }

    /// <summary>CONC0301.ThreadLocal → CONC0301.</summary>
    private static string RuleOf(string pair) => pair.Split('.')[0];
}
