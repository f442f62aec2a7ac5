using System.Collections.Immutable;

namespace ConcurrencyAnalyzers.CpuBound;

/// <summary>What the CPU-bound rules tell their fixes: a loop or a call, and whether the loop's iterations are independent.</summary>
internal static class CpuBoundProperties
{
    public static ImmutableDictionary<string, string?> For(CpuBoundFinding finding) =>
        ImmutableDictionary<string, string?>.Empty
            .Add(CpuBoundWorkFinder.KindProperty, finding.Operation is Microsoft.CodeAnalysis.Operations.ILoopOperation ? CpuBoundWorkFinder.LoopKind : CpuBoundWorkFinder.CallKind)
            .Add(CpuBoundWorkFinder.ParallelProperty, finding.Parallelizable ? "true" : "false");
}
