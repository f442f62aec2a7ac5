using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Core;

/// <summary>
/// Walks an operation tree bottom-up and adds up its cost (see <see cref="CostModel"/>). One instance per estimate,
/// or per operation block (<see cref="CostModel.ForBlock"/>); never shared between threads.
/// </summary>
internal sealed class CostWalker
{
    private static readonly Lazy<SymbolExclusions> BuiltInExclusions = new(() => SymbolExclusions.Parse(AsyncTwinFinder.BuiltInExclusions, null));

    private readonly WellKnownTypes _types;
    private readonly Compilation? _compilation;
    private readonly CancellationToken _cancellationToken;
    private readonly int _helperDepth;
    private readonly KnownSizes _sizes;
    private HashSet<IMethodSymbol>? _chain;

    // The estimates of calls and loops walked outside any loop of assumed count, where an estimate depends on nothing
    // but the operation: a caller asking for a call, then for the call around it, walks the inner one once.
    private readonly Dictionary<IOperation, WorkEstimate>? _kept;

    // Skips the async-twin lookups (most of a walk's cost): a call that may still be I/O counts as work instead, so
    // Operations is an upper bound of the full estimate's and the I/O flag is not to be trusted.
    private readonly bool _upperBound;

    private BlockingCatalog? _catalog;
    private HelperCosts? _helpers;

    public CostWalker(WellKnownTypes types, Compilation? compilation, CancellationToken cancellationToken, int helperDepth, HashSet<IMethodSymbol>? chain = null, int assumedDepth = 0, bool keepEstimates = false, bool upperBound = false)
    {
        _upperBound = upperBound;
        _kept = keepEstimates && helperDepth == 0 && assumedDepth == 0 ? new Dictionary<IOperation, WorkEstimate>() : null;
        _chain = chain;
        _types = types;
        _compilation = compilation;
        _cancellationToken = cancellationToken;
        _helperDepth = helperDepth;
        _sizes = new KnownSizes(types) { InHelper = helperDepth > 0, AssumedDepth = assumedDepth };
    }

    public KnownSizes Sizes => _sizes;

    /// <summary>The entry point: a lambda or local function counts as its body, a method reference as the method's body.</summary>
    public WorkEstimate EstimateRoot(IOperation operation)
    {
        var root = operation;
        while (root is IConversionOperation { Operand: { } operand })
        {
            root = operand;
        }

        switch (root)
        {
            case IDelegateCreationOperation { Target: { } target }:
                return EstimateRoot(target);
            case IAnonymousFunctionOperation lambda:
                return Walk(lambda.Body);
            case ILocalFunctionOperation localFunction:
                return localFunction.Body is { } body ? Walk(body) : WorkEstimate.None;
            case IMethodReferenceOperation reference:
                return HelperCost(reference.Method, includeAsync: true) ?? Call();
            default:
                return Walk(root);
        }
    }

    public WorkEstimate Walk(IOperation? operation)
    {
        if (operation is null || !StackGuard.TryEnter())
        {
            return WorkEstimate.None;
        }

        try
        {
            if (_kept is null || _sizes.AssumedDepth != 0 || operation.Kind is not (OperationKind.Invocation or OperationKind.Loop))
            {
                return WalkOne(operation);
            }

            if (!_kept.TryGetValue(operation, out var estimate))
            {
                estimate = WalkOne(operation);
                _kept[operation] = estimate;
            }

            return estimate;
        }
        finally
        {
            StackGuard.Exit();
        }
    }

    private WorkEstimate WalkOne(IOperation operation)
    {
        _cancellationToken.ThrowIfCancellationRequested();

        // By kind rather than by interface: every operation walked goes through here, and a kind is one field read.
        switch (operation.Kind)
        {
            case OperationKind.AnonymousFunction or OperationKind.LocalFunction:
                // A delegate runs where it is invoked, not here (LINQ operators are counted at their call).
                return WorkEstimate.None;
            case OperationKind.Await:
            case OperationKind.Using when ((IUsingOperation)operation).IsAsynchronous:
            case OperationKind.UsingDeclaration when ((IUsingDeclarationOperation)operation).IsAsynchronous:
                return Children(operation).MarkAwaits().ToEstimate();
            case OperationKind.Loop:
                return Loop((ILoopOperation)operation);
            case OperationKind.Invocation:
                return Invocation((IInvocationOperation)operation);
            case OperationKind.ObjectCreation:
                var created = Children(operation).AddOperations(CostModel.CallCost);
                if (HeavyApis.Match((IObjectCreationOperation)operation, _types, _sizes) is { } heavyCreation)
                {
                    created.Add(heavyCreation);
                }

                return created.ToEstimate();
            case OperationKind.ArrayCreation:
                // Allocation zeroes the array: about a tenth of an operation per element.
                var elements = _sizes.SizeOf(operation) is { Assumed: false } size ? size.Value / 10 : 0;
                return Children(operation).AddOperations(CostModel.CallCost + elements).ToEstimate();
            case OperationKind.Binary or OperationKind.CompoundAssignment when HeavyApis.MatchOperator(operation, _types) is { } bigInteger:
                return Children(operation).Add(bigInteger).ToEstimate();
            case OperationKind.PropertyReference when TaskWait.Match(operation, _types) is not null:
                return Children(operation).MarkIo().ToEstimate();
            case OperationKind.Conditional:
                // The dearer branch: a rare expensive path is still what the code can cost.
                var conditional = (IConditionalOperation)operation;
                var whenTrue = Walk(conditional.WhenTrue);
                var whenFalse = Walk(conditional.WhenFalse);
                return new CostAccumulator()
                    .Add(Walk(conditional.Condition))
                    .Add(whenTrue.Operations >= whenFalse.Operations ? whenTrue : whenFalse)
                    .Add(Flags(whenTrue.Operations >= whenFalse.Operations ? whenFalse : whenTrue))
                    .AddOperations(1)
                    .ToEstimate();
            default:
                return Children(operation).AddOperations(Weight(operation)).ToEstimate();
        }
    }

    private CostAccumulator Children(IOperation operation)
    {
        var accumulator = new CostAccumulator();
        foreach (var child in operation.ChildOperations)
        {
            // Most children are constants and references to locals: they cost nothing, so they are not walked.
            if (!child.IsInertLeaf())
            {
                accumulator.Add(Walk(child));
            }
        }

        return accumulator;
    }

    /// <summary>Only the flags of an estimate (a branch not counted still awaits or does I/O).</summary>
    private static WorkEstimate Flags(WorkEstimate estimate) =>
        new(0, estimate.Awaits, estimate.DoesIoOrBlocks, estimate.IsDataDependent, 1, default, null, estimate.HasUnboundedLoop, estimate.UndercountsNestedWork);

    private static double Weight(IOperation operation) => operation.Kind switch
    {
        OperationKind.Binary or OperationKind.Unary or OperationKind.Increment or OperationKind.Decrement or OperationKind.CompoundAssignment
            or OperationKind.SimpleAssignment or OperationKind.ArrayElementReference or OperationKind.PropertyReference
            or OperationKind.IsPattern or OperationKind.IsType or OperationKind.Coalesce => 1,
        OperationKind.InterpolatedString or OperationKind.Lock => CostModel.CallCost,
        _ => 0,
    };

    private static WorkEstimate Call() => new CostAccumulator().AddOperations(CostModel.CallCost).ToEstimate();

    /// <summary>
    /// The loop's cost with the flags of what repeats only: an await or I/O in the collection or initializer, which run
    /// once before the loop (<c>foreach (var x in await LoadAsync())</c>), does not make the iterations wait.
    /// </summary>
    public WorkEstimate RepeatedWork(ILoopOperation loop)
    {
        var estimate = Walk(loop);
        if (!estimate.Awaits && !estimate.DoesIoOrBlocks)
        {
            return estimate;
        }

        var repeated = Loop(loop, countOnce: false);
        return new WorkEstimate(
            estimate.Operations,
            repeated.Awaits || (loop is IForEachLoopOperation { IsAsynchronous: true }),
            repeated.DoesIoOrBlocks,
            estimate.IsDataDependent,
            estimate.Iterations,
            estimate.Bounds,
            estimate.HeavyApi,
            estimate.HasUnboundedLoop,
            estimate.UndercountsNestedWork);
    }

    private WorkEstimate Loop(ILoopOperation loop, bool countOnce = true)
    {
        // What runs once (the collection, the initializer) is walked at the enclosing depth.
        var once = new CostAccumulator();
        switch (loop)
        {
            case IForLoopOperation forLoop when countOnce:
                foreach (var before in forLoop.Before)
                {
                    once.Add(Walk(before));
                }

                break;
            case IForEachLoopOperation forEach:
                once.Add(countOnce ? Walk(forEach.Collection) : WorkEstimate.None);
                if (forEach.IsAsynchronous)
                {
                    once.MarkAwaits();
                }

                break;
        }

        // What repeats is walked one assumed dimension deeper when the count is assumed.
        var count = LoopCounts.Of(loop, _sizes);
        _sizes.AssumedDepth += count.Assumed ? 1 : 0;
        var perIteration = new CostAccumulator().Add(Walk(loop.Body));
        switch (loop)
        {
            case IForLoopOperation forLoop:
                perIteration.Add(Walk(forLoop.Condition));
                foreach (var bottom in forLoop.AtLoopBottom)
                {
                    perIteration.Add(Walk(bottom));
                }

                break;
            case IWhileLoopOperation whileLoop:
                perIteration.Add(Walk(whileLoop.Condition));
                break;
        }

        _sizes.AssumedDepth -= count.Assumed ? 1 : 0;
        return CostAccumulator.Loop(once.ToEstimate(), count, perIteration.ToEstimate());
    }

    private WorkEstimate Invocation(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var accumulator = Children(invocation);
        if (IsOffloaded(method))
        {
            return accumulator.AddOperations(CostModel.CallCost).ToEstimate();
        }

        if (IsIoOrBlocking(invocation))
        {
            return accumulator.AddOperations(CostModel.CallCost).MarkIo().ToEstimate();
        }

        // A call that may have an async twin counts, in an upper bound, at least what it would as I/O.
        var floor = _upperBound ? accumulator.Operations + CostModel.CallCost : 0;
        var estimate = CallWork(invocation, accumulator);
        return estimate.Operations >= floor ? estimate : estimate.WithOperations(floor);
    }

    /// <summary>What a call that is not I/O costs: a known heavy API, delegates run per element, or the helper's body.</summary>
    private WorkEstimate CallWork(IInvocationOperation invocation, CostAccumulator accumulator)
    {
        var method = invocation.TargetMethod;
        if (HeavyApis.Match(invocation, _types, _sizes) is { } heavy)
        {
            accumulator.Add(heavy);
        }

        if (DelegateRuns(invocation) is { } elements)
        {
            // The delegates of LINQ operators (and List.ForEach and kin) run once per element, at the call.
            var perElement = new CostAccumulator().AddOperations(1);
            _sizes.AssumedDepth += elements.Assumed ? 1 : 0;
            foreach (var argument in invocation.Arguments)
            {
                perElement.Add(DelegateCost(argument.Value));
            }

            _sizes.AssumedDepth -= elements.Assumed ? 1 : 0;

            accumulator.Add(CostAccumulator.Loop(WorkEstimate.None, elements, perElement.ToEstimate()));
            return accumulator.ToEstimate();
        }

        return accumulator.Add(HelperCost(method, includeAsync: false) ?? Call()).ToEstimate();
    }

    /// <summary>Task.Run, TaskFactory.StartNew, Parallel and PLINQ: the work runs on other threads.</summary>
    private bool IsOffloaded(IMethodSymbol method)
    {
        // Every call is asked, so the type's name rules most out before any symbol comparison.
        var type = method.ContainingType;
        return type?.Name switch
        {
            "Task" => method.Name == "Run" && WellKnownTypes.Eq(type, _types.Task),
            "TaskFactory" => method.Name == "StartNew" && (WellKnownTypes.Eq(type, _types.TaskFactory) || WellKnownTypes.Eq(type.OriginalDefinition, _types.TaskFactoryOfT)),
            "Parallel" => WellKnownTypes.Eq(type, _types.Parallel),
            "ParallelEnumerable" => WellKnownTypes.Eq(type, _types.ParallelEnumerable),
            "ThreadPool" => WellKnownTypes.Eq(type, _types.ThreadPool),
            _ => false,
        };
    }

    /// <summary>A wait on a task, Thread.Sleep, Console, or a synchronous member with a real async twin (file, network, database).</summary>
    private bool IsIoOrBlocking(IInvocationOperation invocation)
    {
        if (TaskWait.Match(invocation, _types) is not null || WellKnownTypes.Eq(invocation.TargetMethod.ContainingType, _types.Console))
        {
            return true;
        }

        if (_compilation is null)
        {
            return false;
        }

        var catalog = _catalog ??= BlockingCatalog.Get(_compilation);
        if (catalog.IsSleep(invocation))
        {
            return true;
        }

        // A compression stream's Write or CopyTo has an async twin but is CPU work; telling one apart walks the base
        // types of the receiver and arguments, so it is left until a twin lookup would follow (never in an upper bound).
        return !_upperBound
            && !HeavyApis.IsCompression(invocation, _types)
            && catalog.Twins.FindTwin(invocation) is { } twin
            && catalog.Twins.IsWorthSuggesting(invocation, twin, EnclosingFunction.Of(invocation, null), BuiltInExclusions.Value);
    }

    /// <summary>How many times the delegates passed to the call run, when it is a LINQ operator or a List/Array method that runs them per element.</summary>
    private KnownCount? DelegateRuns(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var type = method.ContainingType;
        IOperation? source = null;
        if (WellKnownTypes.Eq(type, _types.Enumerable) && method.IsExtensionMethod && invocation.Arguments.Length > 1)
        {
            source = invocation.Arguments[0].Value;
        }
        else if (method.Name is "ForEach" or "Find" or "FindAll" or "FindIndex" or "FindLast" or "RemoveAll" or "Exists" or "TrueForAll" or "ConvertAll"
                 && WellKnownTypes.Eq(type?.OriginalDefinition, _types.ListOfT))
        {
            source = invocation.Instance;
        }
        else if (method.Name is "ForEach" or "Find" or "FindAll" or "FindIndex" or "Exists" or "TrueForAll" or "ConvertAll"
                 && invocation.Arguments.Length > 1 && WellKnownTypes.Eq(type, _types.Array))
        {
            source = invocation.Arguments[0].Value;
        }

        if (source is null || !HasDelegateArgument(invocation))
        {
            return null;
        }

        return _sizes.SizeOf(source) ?? HeavyApis.Unknown(source, AssumedSize(source, _sizes));
    }

    private static bool HasDelegateArgument(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Value.WalkDownConversions() is IDelegateCreationOperation)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What one run of a delegate argument costs: a lambda's body, a method group's body; async ones stop at their first await.</summary>
    private WorkEstimate DelegateCost(IOperation argument)
    {
        switch (argument.WalkDownConversions())
        {
            case IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }:
                return lambda.Symbol.IsAsync ? Call() : Walk(lambda.Body);
            case IDelegateCreationOperation { Target: IMethodReferenceOperation reference }:
                return HelperCost(reference.Method, includeAsync: false) ?? Call();
            default:
                return WorkEstimate.None;
        }
    }

    /// <summary>
    /// The cost of calling a method of this compilation, from its body (cached per method, a few calls deep); null
    /// for methods without a body here. Async methods are reported where they are written, so a call to one counts
    /// as a plain call unless <paramref name="includeAsync"/>.
    /// </summary>
    private WorkEstimate? HelperCost(IMethodSymbol method, bool includeAsync)
    {
        if (_compilation is null || _helperDepth >= CostModel.MaxHelperDepth || (method.IsAsync && !includeAsync))
        {
            return null;
        }

        _helpers ??= HelperCosts.Get(_compilation);
        _chain ??= new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        return _helpers.Estimate(method, _types, _helperDepth + 1, _sizes.AssumedDepth > 0, _upperBound, _chain, _cancellationToken);
    }

    /// <summary>
    /// The size assumed for an unknown collection: smaller when it hangs off an enclosing loop's element, or, in a
    /// helper, off a parameter (<c>order.Lines</c> in a helper called per order).
    /// </summary>
    internal static double AssumedSize(IOperation collection, KnownSizes sizes)
    {
        if (sizes.AssumedDepth > 0)
        {
            return CostModel.AssumedNestedSize;
        }

        foreach (var part in collection.DescendantsAndSelf())
        {
            if (part is ILocalReferenceOperation reference && LoopCounts.IsIterationVariable(reference.Local, collection))
            {
                return CostModel.AssumedPerElementSize;
            }

            if (sizes.InHelper && part is IMemberReferenceOperation { Instance: IParameterReferenceOperation })
            {
                return CostModel.AssumedPerElementSize;
            }
        }

        return CostModel.AssumedCollectionSize;
    }
}
