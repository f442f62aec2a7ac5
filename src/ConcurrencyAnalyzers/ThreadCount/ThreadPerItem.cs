using System.Globalization;
using ConcurrencyAnalyzers.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.ThreadCount;

/// <summary>Whether a thread start runs once per item: in a loop over data, or in a delegate run per element.</summary>
internal static class ThreadPerItem
{
    /// <summary>
    /// How messages name the repetition ("one per item of 'items'", "one per iteration of the loop"), or null when the start is not repeated, the loop's count
    /// is bounded by Environment.ProcessorCount, or it is a small constant (a fixed set of workers).
    /// </summary>
    public static string? Repetition(IOperation start, WellKnownTypes types)
    {
        for (var current = start.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case ILocalFunctionOperation:
                    return null;
                case IAnonymousFunctionOperation lambda:
                    return PerElementDelegate(lambda, types);
                case IForEachLoopOperation forEach:
                    return Quote(forEach.Collection.WalkDownConversions());
                case IForLoopOperation forLoop:
                    return ForCount(forLoop, types);
                case IWhileLoopOperation { Condition: { } condition }:
                    return MentionsProcessorCount(condition, types) ? null : PerIteration;
                case ILoopOperation:
                    return PerIteration;
            }
        }

        return null;
    }

    private static string? ForCount(IForLoopOperation loop, WellKnownTypes types)
    {
        if (loop.Condition is not { } condition || MentionsProcessorCount(condition, types))
        {
            return null;
        }

        if (condition is IBinaryOperation binary)
        {
            var bound = binary.RightOperand.WalkDownConversions();
            if (bound.ConstantValue is { HasValue: true, Value: int count })
            {
                return count <= CONC0401ThreadPerItemAnalyzer.SmallConstantCount ? null : "one per iteration, " + count.ToString("N0", CultureInfo.InvariantCulture) + " in all";
            }

            if (bound is IPropertyReferenceOperation { Property.Name: "Length" or "Count", Instance: { } collection })
            {
                return Quote(collection);
            }
        }

        return PerIteration;
    }

    /// <summary>items.Select(item => ...) or list.ForEach(item => ...): the delegate runs once per element.</summary>
    private static string? PerElementDelegate(IAnonymousFunctionOperation lambda, WellKnownTypes types)
    {
        IOperation current = lambda;
        while (current.Parent is IDelegateCreationOperation or IConversionOperation)
        {
            current = current.Parent;
        }

        if (current.Parent is not IArgumentOperation { Parent: IInvocationOperation invocation })
        {
            return null;
        }

        var type = invocation.TargetMethod.ContainingType;
        var perElement = WellKnownTypes.Eq(type, types.Enumerable)
            || (invocation.TargetMethod.Name == "ForEach" && WellKnownTypes.Eq(type.OriginalDefinition, types.ListOfT));
        return perElement && invocation.Receiver() is { } receiver ? Quote(receiver.WalkDownConversions()) : null;
    }

    private const string PerIteration = "one per iteration of the loop";

    private static string Quote(IOperation collection) => "one per item of '" + collection.Syntax.ToString() + "'";

    private static bool MentionsProcessorCount(IOperation operation, WellKnownTypes types)
    {
        foreach (var descendant in operation.DescendantsAndSelf())
        {
            if (descendant is IPropertyReferenceOperation { Property: { Name: "ProcessorCount", IsStatic: true } property }
                && WellKnownTypes.Eq(property.ContainingType, types.Environment))
            {
                return true;
            }
        }

        return false;
    }
}
