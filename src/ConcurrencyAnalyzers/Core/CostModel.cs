using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Core;

/// <summary>
/// A static estimate of what a piece of code costs to run: iteration counts from constant bounds and known sizes
/// (array creations, <c>Enumerable.Range</c>, constants flowing through locals), nesting, assumed sizes for loops over
/// data, work per iteration, calls to known CPU-heavy APIs (key derivation, hashing, compression, Regex, BigInteger,
/// sorting), LINQ delegates run once per element, and synchronous helpers of the same compilation a few calls deep.
/// Code that awaits or does I/O is flagged, so callers can tell CPU-bound work from waiting.
/// </summary>
internal static class CostModel
{
    /// <summary>
    /// Operations above which work counts as CPU-heavy by default: about 10 ms of a core, at roughly a nanosecond per
    /// basic operation.
    /// </summary>
    public const double DefaultThreshold = 1e7;

    /// <summary>The size assumed for a collection or loop bound that is not known statically.</summary>
    public const double AssumedCollectionSize = 1_000;

    /// <summary>The size assumed for a collection reached from an enclosing loop's element (the lines of one order).</summary>
    public const double AssumedPerElementSize = 100;

    /// <summary>
    /// The size assumed for an unknown collection or bound inside a loop whose count is itself assumed: nested data
    /// (orders × lines, users × roles) is far more often small per element than square.
    /// </summary>
    public const double AssumedNestedSize = 10;

    /// <summary>What a call of unknown cost counts for.</summary>
    public const double CallCost = 10;

    /// <summary>How many calls deep synchronous helpers of the compilation are followed.</summary>
    public const int MaxHelperDepth = 3;

    /// <summary>
    /// The estimate of <paramref name="operation"/>: a loop, a block, a statement, an invocation (with the helper it
    /// calls), a lambda or local function (its body, as if invoked once), or a method reference (the method's body).
    /// Never throws on broken code; honours <paramref name="cancellationToken"/>.
    /// </summary>
    public static WorkEstimate Estimate(IOperation operation, WellKnownTypes types, CancellationToken cancellationToken)
    {
        var walker = new CostWalker(types, operation.SemanticModel?.Compilation, cancellationToken, helperDepth: 0);
        return walker.EstimateRoot(operation);
    }

    /// <summary>
    /// A walker for many estimates in one operation block (<see cref="CostWalker.EstimateRoot"/>,
    /// <see cref="CostWalker.RepeatedWork"/>): it keeps the estimates of the calls and loops it walks, so asking for a
    /// call and then for the call or statement around it walks the inner call once. Not for use on other threads.
    /// </summary>
    public static CostWalker ForBlock(WellKnownTypes types, Compilation? compilation, CancellationToken cancellationToken) =>
        new(types, compilation, cancellationToken, helperDepth: 0, keepEstimates: true);

    /// <summary>
    /// Like <see cref="ForBlock"/>, but its estimates skip the async-twin lookups, which cost most of a walk: a call
    /// that may still be I/O counts as work instead. Their Operations are never below the full estimate's, so work
    /// under a threshold here is under it for sure; their I/O flags mean nothing.
    /// </summary>
    public static CostWalker UpperBoundForBlock(WellKnownTypes types, Compilation? compilation, CancellationToken cancellationToken) =>
        new(types, compilation, cancellationToken, helperDepth: 0, keepEstimates: true, upperBound: true);

    /// <summary>
    /// Like <see cref="Estimate"/> for a loop, but <see cref="WorkEstimate.Awaits"/> and
    /// <see cref="WorkEstimate.DoesIoOrBlocks"/> describe only what repeats (body, condition, increment): an await in
    /// the collection of a foreach or in a for initializer runs once, before the iterations.
    /// </summary>
    public static WorkEstimate EstimateIterations(ILoopOperation loop, WellKnownTypes types, CancellationToken cancellationToken)
    {
        var walker = new CostWalker(types, loop.SemanticModel?.Compilation, cancellationToken, helperDepth: 0);
        return walker.RepeatedWork(loop);
    }
}
