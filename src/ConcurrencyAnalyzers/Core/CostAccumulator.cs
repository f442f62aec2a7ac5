using System;
using System.Collections.Immutable;

namespace ConcurrencyAnalyzers.Core;

/// <summary>
/// Adds up estimates of code that runs one after another, keeping the flags of all and the explanation of the
/// costliest part that has one (a loop nest or a known heavy call). A struct, as the cost walker makes one for
/// nearly every operation it walks: its methods change it and return the changed copy, for chaining.
/// </summary>
internal struct CostAccumulator
{
    // Most operations cost a small whole number and, in async code, may await or do I/O, and nothing else: their
    // estimates are shared, not made anew. Indexed by the flags (1 awaits, 2 I/O) times PlainLimit plus the count.
    private const int PlainLimit = 64;
    private static readonly WorkEstimate[] Plain = MakePlain();

    private double _operations;
    private bool _awaits;
    private bool _doesIo;
    private bool _dataDependent;
    private bool _unbounded;
    private bool _undercounts;
    private WorkEstimate? _dominant;

    public readonly double Operations => _operations;

    public CostAccumulator Add(WorkEstimate estimate)
    {
        _operations += estimate.Operations;
        _awaits |= estimate.Awaits;
        _doesIo |= estimate.DoesIoOrBlocks;
        _dataDependent |= estimate.IsDataDependent;
        _unbounded |= estimate.HasUnboundedLoop;
        _undercounts |= estimate.UndercountsNestedWork;
        if ((estimate.HeavyApi is not null || !estimate.Bounds.IsEmpty)
            && (_dominant is null || estimate.Operations > _dominant.Operations))
        {
            _dominant = estimate;
        }

        return this;
    }

    public CostAccumulator AddOperations(double operations)
    {
        _operations += operations;
        return this;
    }

    public CostAccumulator MarkAwaits()
    {
        _awaits = true;
        return this;
    }

    public CostAccumulator MarkIo()
    {
        _doesIo = true;
        return this;
    }

    public CostAccumulator MarkDataDependent()
    {
        _dataDependent = true;
        return this;
    }

    public readonly WorkEstimate ToEstimate()
    {
        if (_dominant is null && !_dataDependent && !_unbounded && !_undercounts
            && _operations >= 0 && _operations < PlainLimit && _operations == Math.Floor(_operations))
        {
            return Plain[((_awaits ? 1 : 0) + (_doesIo ? 2 : 0)) * PlainLimit + (int)_operations];
        }

        return new WorkEstimate(
            _operations,
            _awaits,
            _doesIo,
            _dataDependent,
            _dominant?.Iterations ?? 1,
            _dominant?.Bounds ?? ImmutableArray<KnownCount>.Empty,
            _dominant?.HeavyApi,
            _unbounded,
            _undercounts);
    }

    private static WorkEstimate[] MakePlain()
    {
        var plain = new WorkEstimate[4 * PlainLimit];
        for (var i = 0; i < plain.Length; i++)
        {
            var flags = i / PlainLimit;
            plain[i] = new WorkEstimate(i % PlainLimit, awaits: (flags & 1) != 0, doesIoOrBlocks: (flags & 2) != 0, isDataDependent: false, iterations: 1, ImmutableArray<KnownCount>.Empty, heavyApi: null);
        }

        return plain;
    }

    /// <summary>
    /// A loop of <paramref name="count"/> iterations of <paramref name="perIteration"/> after <paramref name="once"/>
    /// (the collection or initializer, evaluated once); the count's description names it in messages.
    /// </summary>
    public static WorkEstimate Loop(WorkEstimate once, KnownCount count, WorkEstimate perIteration) => new(
        once.Operations + (count.Value * (perIteration.Operations + 1)),
        once.Awaits || perIteration.Awaits,
        once.DoesIoOrBlocks || perIteration.DoesIoOrBlocks,
        count.Assumed || once.IsDataDependent || perIteration.IsDataDependent,
        count.Value * perIteration.Iterations,
        perIteration.Bounds.Insert(0, count),
        perIteration.HeavyApi,
        count.Unbounded || once.HasUnboundedLoop || perIteration.HasUnboundedLoop,
        // An assumed count walks the body with small unknown sizes; fewer than one iteration hides the body's cost.
        count.Assumed || count.Value < 1 || once.UndercountsNestedWork || perIteration.UndercountsNestedWork);

    /// <summary>A known CPU-heavy call, named for messages.</summary>
    public static WorkEstimate Heavy(double operations, string description, bool assumed) =>
        new(operations, awaits: false, doesIoOrBlocks: false, assumed, iterations: 1, ImmutableArray<KnownCount>.Empty, description);
}
