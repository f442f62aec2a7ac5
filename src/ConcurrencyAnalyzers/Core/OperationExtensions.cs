using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Core;

internal static class OperationExtensions
{
    /// <summary>Strips implicit and explicit conversions (C# has no parenthesized operations to strip).</summary>
    public static IOperation WalkDownConversions(this IOperation operation)
    {
        while (operation is IConversionOperation { Operand: { } operand })
        {
            operation = operand;
        }

        return operation;
    }

    /// <summary>A constant, or a reference to a local, a parameter or this: an operation with no children and no work of its own.</summary>
    public static bool IsInertLeaf(this IOperation operation) =>
        operation.Kind is OperationKind.Literal or OperationKind.LocalReference or OperationKind.ParameterReference or OperationKind.InstanceReference;

    /// <summary>The receiver of an invocation: its instance, or the this-argument of an extension method call.</summary>
    public static IOperation? Receiver(this IInvocationOperation invocation)
    {
        if (invocation.Instance is { } instance)
        {
            return instance;
        }

        return invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0
            ? invocation.Arguments[0].Value
            : null;
    }

    /// <summary>
    /// The initializer of a local declared in the same member as <paramref name="within"/>, without conversions; null
    /// otherwise. Read from the member's operation tree (<see cref="LocalFacts"/>), not bound again.
    /// </summary>
    public static IOperation? InitializerOf(this ILocalSymbol local, IOperation within) =>
        LocalFacts.Of(within).Initializers.TryGetValue(local, out var initializer) ? initializer : null;

    /// <summary>True when no lambda or local function lies between <paramref name="operation"/> and <paramref name="root"/>.</summary>
    public static bool IsDirectlyIn(this IOperation operation, IOperation root)
    {
        for (var current = operation.Parent; current is not null && current != root; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="operation"/> is <paramref name="ancestor"/> or lies inside it.</summary>
    public static bool IsWithin(this IOperation operation, IOperation ancestor)
    {
        for (var current = operation; current is not null; current = current.Parent)
        {
            if (current == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the block calls a method of a type that <paramref name="isLockType"/> accepts (a finally that releases a lock).</summary>
    public static bool CallsMethodOf(this IBlockOperation? block, Func<ITypeSymbol?, bool> isLockType)
    {
        if (block is null)
        {
            return false;
        }

        foreach (var descendant in block.Descendants())
        {
            if (descendant is IInvocationOperation invocation && isLockType(invocation.TargetMethod.ContainingType))
            {
                return true;
            }
        }

        return false;
    }
}
