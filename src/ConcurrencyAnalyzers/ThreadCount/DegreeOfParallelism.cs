using System.Collections.Generic;
using System.Globalization;
using ConcurrencyAnalyzers.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.ThreadCount;

/// <summary>
/// What CONC0402 reads off a degree of parallelism: whether its value allows more workers than cores (a constant
/// above the threshold, a multiple of the processor count, or a collection's size), and which delegates it governs.
/// </summary>
internal static class DegreeOfParallelism
{
    /// <summary>
    /// How many workers the value allows, in words ("64 workers", "4 workers per core", "one worker per item of
    /// 'files'"), or null when it is bounded by the processor count, at or below the threshold, -1 (no limit, the
    /// default), or something the rule does not judge (a parameter, a setting).
    /// </summary>
    public static string? Oversubscription(IOperation value, WellKnownTypes types, int threshold)
    {
        value = value.WalkDownConversions();
        if (value.ConstantValue is { HasValue: true, Value: int constant })
        {
            return constant > threshold ? constant.ToString("N0", CultureInfo.InvariantCulture) + " workers" : null;
        }

        if (value is IBinaryOperation { OperatorKind: BinaryOperatorKind.Multiply } product)
        {
            var factor = product.LeftOperand.WalkDownConversions().ConstantValue is { HasValue: true, Value: int left } ? left
                : product.RightOperand.WalkDownConversions().ConstantValue is { HasValue: true, Value: int right } ? right
                : 0;
            return factor > 1 && MentionsProcessorCount(product, types)
                ? factor.ToString(CultureInfo.InvariantCulture) + " workers per core"
                : null;
        }

        if (MentionsProcessorCount(value, types))
        {
            return null;
        }

        return SizeOf(value) is { } collection ? $"one worker per item of '{collection}'" : null;
    }

    /// <summary>The delegates (lambdas, anonymous methods, method groups) passed to <paramref name="consumer"/>.</summary>
    public static IEnumerable<IOperation> Delegates(IOperation consumer)
    {
        var arguments = consumer switch
        {
            IInvocationOperation invocation => invocation.Arguments,
            IObjectCreationOperation creation => creation.Arguments,
            _ => default,
        };
        if (arguments.IsDefault)
        {
            yield break;
        }

        foreach (var argument in arguments)
        {
            var value = argument.Value.WalkDownConversions();
            if (value is IDelegateCreationOperation)
            {
                yield return value;
            }
            else if (value is IArrayCreationOperation { Initializer: { } initializer })
            {
                // Parallel.Invoke(options, a, b): the actions come in a params array.
                foreach (var element in initializer.ElementValues)
                {
                    if (element.WalkDownConversions() is IDelegateCreationOperation action)
                    {
                        yield return action;
                    }
                }
            }
        }
    }

    private static bool MentionsProcessorCount(IOperation value, WellKnownTypes types)
    {
        if (IsProcessorCount(value, types))
        {
            return true;
        }

        foreach (var descendant in value.Descendants())
        {
            if (IsProcessorCount(descendant, types))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsProcessorCount(IOperation operation, WellKnownTypes types) =>
        operation is IPropertyReferenceOperation { Property: { Name: "ProcessorCount", IsStatic: true } property }
        && WellKnownTypes.Eq(property.ContainingType, types.Environment);

    /// <summary>'files' for files.Length, files.Count or files.Count(); null for anything else.</summary>
    private static string? SizeOf(IOperation value) => value switch
    {
        IPropertyReferenceOperation { Property.Name: "Length" or "Count" or "LongLength", Instance: { } instance } => instance.Syntax.ToString(),
        IInvocationOperation { TargetMethod: { Name: "Count" or "LongCount", Parameters.Length: 1, IsExtensionMethod: true } } count
            when count.Arguments.Length == 1 => count.Arguments[0].Value.WalkDownConversions().Syntax.ToString(),
        _ => null,
    };
}
