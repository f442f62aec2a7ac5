using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Core;

/// <summary>
/// How many times a loop runs: <c>for (i = a; i &lt; b; i += s)</c> with known a, b and s (also counting down, and
/// geometric steps), <c>foreach</c> over a collection of known size, a <c>while</c> on a counter against a known bound;
/// otherwise an assumed count named after the bound or collection.
/// </summary>
internal static class LoopCounts
{
    public static KnownCount Of(ILoopOperation loop, KnownSizes sizes) => loop switch
    {
        IForLoopOperation forLoop => ForLoop(forLoop, sizes),
        IForEachLoopOperation forEach => sizes.SizeOf(forEach.Collection) ?? HeavyApis.Unknown(forEach.Collection.WalkDownConversions(), CostWalker.AssumedSize(forEach.Collection, sizes)),
        IWhileLoopOperation whileLoop => WhileLoop(whileLoop, sizes),
        _ => Unknown(loop, sizes),
    };

    /// <summary>True when <paramref name="local"/> is the iteration variable or counter of a loop around <paramref name="inside"/>.</summary>
    public static bool IsIterationVariable(ILocalSymbol local, IOperation inside)
    {
        for (var current = inside.Parent; current is not null; current = current.Parent)
        {
            if (current is ILoopOperation loop)
            {
                foreach (var declared in loop.Locals)
                {
                    if (WellKnownTypes.Eq(declared, local))
                    {
                        return true;
                    }
                }
            }

            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return false;
            }
        }

        return false;
    }

    private static KnownCount ForLoop(IForLoopOperation loop, KnownSizes sizes)
    {
        double step = 0;
        var geometric = false;
        var comparison = Comparison(loop.Condition, local =>
        {
            foreach (var bottom in loop.AtLoopBottom)
            {
                if (StepOf(bottom, local, sizes, out var geometricStep) is { } found)
                {
                    step = found;
                    geometric = geometricStep;
                    return true;
                }
            }

            return false;
        });

        if (comparison is null)
        {
            return Unknown(loop, sizes);
        }

        IOperation? start = null;
        foreach (var before in loop.Before)
        {
            start ??= StartOf(before, comparison.Counter);
        }

        if (step == 0)
        {
            return Unknown(loop, sizes);
        }

        return Count(comparison, sizes.ValueOf(start), start, step, geometric, sizes);
    }

    private static KnownCount WhileLoop(IWhileLoopOperation loop, KnownSizes sizes)
    {
        // while (i < n) { ...; i++; }: the counter starts at its declared value and moves by a step written in the body.
        double step = 0;
        var geometric = false;
        var comparison = Comparison(loop.Condition, local =>
        {
            if (loop.Body is IBlockOperation body)
            {
                foreach (var statement in body.Operations)
                {
                    if (StepOf(statement, local, sizes, out var geometricStep) is { } found)
                    {
                        step = found;
                        geometric = geometricStep;
                        return true;
                    }
                }
            }

            return false;
        });

        if (comparison is null || step == 0)
        {
            return Unknown(loop, sizes);
        }

        var start = comparison.Counter.InitializerOf(loop);
        return Count(comparison, sizes.ValueOf(start), start, step, geometric, sizes);
    }

    private static KnownCount Count(CounterComparison comparison, double? start, IOperation? startOperation, double step, bool geometric, KnownSizes sizes)
    {
        var bound = sizes.ValueOf(comparison.Bound);
        var upward = step > 0;
        if (geometric)
        {
            // i *= 2 up to n: log(n / start) iterations.
            var from = Math.Max(1, start ?? 1);
            return bound is { } limit
                ? KnownCount.Exact(Math.Max(0, Math.Ceiling(Math.Log(Math.Max(1, limit / from), Math.Abs(step)))))
                : HeavyApis.Unknown(comparison.Bound, Math.Log(CostModel.AssumedCollectionSize, 2));
        }

        var inclusive = comparison.Inclusive ? 1 : 0;
        if (bound is { } end && start is { } begin)
        {
            var distance = upward ? end - begin : begin - end;
            return KnownCount.Exact(Math.Max(0, Math.Ceiling((distance + inclusive) / Math.Abs(step))));
        }

        // Counting up from a known start to an unknown bound, or down from an unknown start: the unknown side is data.
        var unknown = upward ? comparison.Bound : startOperation;
        if (upward && bound is { } upper && start is null)
        {
            // for (j = i; j < 1000; j++): at most the bound.
            return KnownCount.Exact(Math.Ceiling(upper / Math.Abs(step)));
        }

        var assumed = CostWalker.AssumedSize(unknown ?? comparison.Bound, sizes);
        return HeavyApis.Unknown(unknown ?? comparison.Bound, Math.Ceiling(assumed / Math.Abs(step)));
    }

    private static KnownCount Unknown(ILoopOperation loop, KnownSizes sizes)
    {
        var keyword = loop.LoopKind switch
        {
            LoopKind.For => "for",
            LoopKind.ForEach => "foreach",
            _ => loop.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.DoStatementSyntax ? "do" : "while",
        };

        // A loop that runs until something changes (while (true), a queue draining): its count is data.
        var assumed = sizes.AssumedDepth > 0 ? CostModel.AssumedNestedSize : CostModel.AssumedCollectionSize;
        return KnownCount.UnknownLoop(assumed, keyword);
    }

    /// <summary>The initial value of the counter in a for loop's initializer part.</summary>
    private static IOperation? StartOf(IOperation before, ILocalSymbol counter)
    {
        foreach (var part in before.DescendantsAndSelf())
        {
            switch (part)
            {
                case IVariableDeclaratorOperation { Initializer.Value: { } value } declarator when WellKnownTypes.Eq(declarator.Symbol, counter):
                    return value;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target, Value: var assigned } when WellKnownTypes.Eq(target.Local, counter):
                    return assigned;
            }
        }

        return null;
    }

    /// <summary>The step of i++ (1), i-- (-1), i += s, i -= s; for i *= k or i &lt;&lt;= k, the factor (geometric).</summary>
    private static double? StepOf(IOperation operation, ILocalSymbol counter, KnownSizes sizes, out bool geometric)
    {
        geometric = false;
        if (operation is IExpressionStatementOperation statement)
        {
            operation = statement.Operation;
        }

        switch (operation)
        {
            case IIncrementOrDecrementOperation increment when IsCounter(increment.Target, counter):
                return increment.Kind == OperationKind.Increment ? 1 : -1;
            case ICompoundAssignmentOperation compound when IsCounter(compound.Target, counter) && sizes.ValueOf(compound.Value) is { } amount && amount != 0:
                switch (compound.OperatorKind)
                {
                    case BinaryOperatorKind.Add:
                        return amount;
                    case BinaryOperatorKind.Subtract:
                        return -amount;
                    case BinaryOperatorKind.Multiply when amount > 1:
                        geometric = true;
                        return amount;
                    case BinaryOperatorKind.LeftShift when amount is > 0 and < 63:
                        geometric = true;
                        return Math.Pow(2, amount);
                    default:
                        return null;
                }

            default:
                return null;
        }
    }

    private static bool IsCounter(IOperation target, ILocalSymbol counter) =>
        target.WalkDownConversions() is ILocalReferenceOperation reference && WellKnownTypes.Eq(reference.Local, counter);

    /// <summary>
    /// i &lt; n, i &lt;= n, n &gt; i, i != n (and the mirrored forms), where i is a local that <paramref name="isCounter"/>
    /// accepts (the one the loop steps).
    /// </summary>
    private static CounterComparison? Comparison(IOperation? condition, Func<ILocalSymbol, bool> isCounter)
    {
        if (condition?.WalkDownConversions() is not IBinaryOperation binary
            || binary.OperatorKind is not (BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan
                or BinaryOperatorKind.GreaterThanOrEqual or BinaryOperatorKind.NotEquals))
        {
            return null;
        }

        var inclusive = binary.OperatorKind is BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThanOrEqual;
        if (binary.LeftOperand.WalkDownConversions() is ILocalReferenceOperation left && isCounter(left.Local))
        {
            return new CounterComparison(left.Local, binary.RightOperand, inclusive);
        }

        if (binary.RightOperand.WalkDownConversions() is ILocalReferenceOperation right && isCounter(right.Local))
        {
            return new CounterComparison(right.Local, binary.LeftOperand, inclusive);
        }

        return null;
    }

    private sealed class CounterComparison
    {
        public CounterComparison(ILocalSymbol counter, IOperation bound, bool inclusive)
        {
            Counter = counter;
            Bound = bound;
            Inclusive = inclusive;
        }

        public ILocalSymbol Counter { get; }

        public IOperation Bound { get; }

        public bool Inclusive { get; }
    }
}
