using System.Collections.Generic;
using System.Linq;

namespace AnalyzerPerf.Measurement;

/// <summary>
/// The budget: the whole package at most 5% of compile time, no rule above 1%, and analyzer time growing at most 4.4x
/// from the 1x to the 4x corpus (linear, with 10% slack for noise). Checked on every realistic corpus.
/// </summary>
public static class Targets
{
    public const double TotalShare = 0.05;
    public const double RuleShare = 0.01;
    public const double Growth = 4.4;

    public static double GrowthOf(CorpusResult smallest, CorpusResult largest, string? rule) =>
        (rule is null ? largest.TotalAnalyzerMs : largest.AnalyzerMs[rule]) /
        (rule is null ? smallest.TotalAnalyzerMs : smallest.AnalyzerMs[rule]);

    /// <summary>Every target missed, in words; empty when all hold.</summary>
    public static IReadOnlyList<string> Missed(IReadOnlyList<CorpusResult> realistic)
    {
        var missed = new List<string>();
        foreach (var corpus in realistic)
        {
            if (corpus.TotalShare > TotalShare)
            {
                missed.Add($"{corpus.Label}: all analyzers take {corpus.TotalShare:P2} of compile time (target {TotalShare:P0})");
            }

            foreach (var rule in corpus.AnalyzerMs.Keys.Where(r => corpus.Share(r) > RuleShare))
            {
                missed.Add($"{corpus.Label}: {rule} takes {corpus.Share(rule):P2} of compile time (target {RuleShare:P0})");
            }
        }

        var smallest = realistic.OrderBy(c => c.Size).First();
        var largest = realistic.OrderBy(c => c.Size).Last();
        if (largest.Size > smallest.Size)
        {
            var allowed = Growth * largest.Size / (4.0 * smallest.Size);
            var growth = GrowthOf(smallest, largest, null);
            if (growth > allowed)
            {
                missed.Add($"all analyzers grow {growth:F2}x from {smallest.Label} to {largest.Label} (target {allowed:F1}x)");
            }
        }

        return missed;
    }
}
