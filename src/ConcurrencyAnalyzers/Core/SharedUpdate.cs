using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Core;

/// <summary>
/// A read-modify-write (<c>x++</c>, <c>x += y</c>, <c>x = x + y</c>) of storage that other threads of the same
/// concurrent context also update: a static field (not [ThreadStatic]), a field of an object the context shares, a
/// local or parameter captured from outside the delegate, or an array element not indexed by the delegate's own
/// parameter. Storage of one invocation (its locals, its parameters, its own objects) is not shared; in a request
/// handler method, neither is its own instance unless <see cref="ConcurrentContext.SharesInstance"/>.
/// </summary>
internal static class SharedUpdate
{
    /// <summary>The storage an operation reads, modifies and writes, or null when it is no read-modify-write.</summary>
    public static IOperation? TargetOf(IOperation operation, WellKnownTypes types) => operation switch
    {
        IIncrementOrDecrementOperation increment => increment.Target,
        ICompoundAssignmentOperation compound => compound.Target,
        ISimpleAssignmentOperation { Value: var value } assignment
            when value.WalkDownConversions() is IBinaryOperation binary
                 && AccessPath.Of(assignment.Target) is { } target
                 && (target.Equals(AccessPath.Of(binary.LeftOperand)) || target.Equals(AccessPath.Of(binary.RightOperand))) => assignment.Target,
        // A running maximum or minimum: x = Math.Max(x, v).
        ISimpleAssignmentOperation { Value: var value } assignment
            when value.WalkDownConversions() is IInvocationOperation { TargetMethod.Name: "Max" or "Min", Arguments: { Length: 2 } arguments } call
                 && WellKnownTypes.Eq(call.TargetMethod.ContainingType, types.Math)
                 && AccessPath.Of(assignment.Target) is { } target
                 && (target.Equals(AccessPath.Of(arguments[0].Value)) || target.Equals(AccessPath.Of(arguments[1].Value))) => assignment.Target,
        _ => null,
    };

    /// <summary>
    /// The concurrent context in which <paramref name="update"/> of <paramref name="target"/> races (what CONC0301
    /// reports): shared storage, no protection, and for Parallel.Invoke another action that touches it. Null otherwise.
    /// </summary>
    public static ConcurrentContext? RacingContext(IOperation update, IOperation target, WellKnownTypes types, RequestHandlers? handlers = null, ISymbol? member = null) =>
        ConcurrentContext.Of(update, types, handlers, member) is { } context
        && IsShared(target, context, types)
        && !IsProtected(update, context, types)
        && (!context.IsParallelInvoke || IsTouchedByAnotherAction(target, context))
            ? context
            : null;

    /// <summary>True when <paramref name="target"/> is storage the concurrent invocations share.</summary>
    public static bool IsShared(IOperation target, ConcurrentContext context, WellKnownTypes types)
    {
        switch (target.WalkDownConversions())
        {
            case IFieldReferenceOperation { Field: var field } reference:
                if (field.IsConst || IsThreadStatic(field, types))
                {
                    return false;
                }

                // The implicit receiver of an object initializer is the new object, not this.
                if (reference.Instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver })
                {
                    return false;
                }

                return field.IsStatic
                    || (reference.Instance is null or IInstanceReferenceOperation ? context.SharesInstance : IsOutside(reference.Instance, context));
            case ILocalReferenceOperation local:
                return !Declares(context, local.Local);
            case IParameterReferenceOperation parameter:
                return !Declares(context, parameter.Parameter);
            case IArrayElementReferenceOperation element:
                // counts[bin]++ races; results[i] = ... with i the Parallel.For index writes distinct elements.
                return IsOutside(element.ArrayReference, context) && !IsLoopIndex(element.Indices, context);
            default:
                return false;
        }
    }

    /// <summary>Inside a lock, or inside the try of a region released in its finally (Monitor, SemaphoreSlim, SpinLock...).</summary>
    public static bool IsProtected(IOperation operation, ConcurrentContext context, WellKnownTypes types) =>
        IsLocked(operation, context.Function, types);

    /// <summary>
    /// The same protection, looked for up to the innermost lambda or local function around <paramref name="operation"/>
    /// (one that runs later runs outside any lock around its creation), or up to the member's body.
    /// </summary>
    public static bool IsProtectedInFunction(IOperation operation, WellKnownTypes types) => IsLocked(operation, function: null, types);

    private static bool IsLocked(IOperation operation, IOperation? function, WellKnownTypes types)
    {
        var child = operation;
        for (var parent = operation.Parent;
             parent is not null && parent != function && (function is not null || parent is not (IAnonymousFunctionOperation or ILocalFunctionOperation));
             child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case ILockOperation:
                    return true;
                case ITryOperation { Finally: { } release } tryOperation when tryOperation.Body == child && release.CallsMethodOf(types.IsLock):
                    return true;
            }
        }

        return false;
    }

    /// <summary>For Parallel.Invoke: another action of the same call touches the same storage.</summary>
    public static bool IsTouchedByAnotherAction(IOperation target, ConcurrentContext context)
    {
        var path = AccessPath.Of(target.WalkDownConversions() is IArrayElementReferenceOperation element ? element.ArrayReference : target);
        if (path is null)
        {
            return false;
        }

        // The other actions are the delegates passed to the same call, not lambdas nested inside this one.
        if (context.Registration is not IInvocationOperation invoke)
        {
            return false;
        }

        foreach (var argument in invoke.Arguments)
        {
            foreach (var action in argument.Value.DescendantsAndSelf())
            {
                if (action is not IAnonymousFunctionOperation other || other == context.Function || other.IsWithin(context.Function))
                {
                    continue;
                }

                foreach (var part in other.Descendants())
                {
                    if (path.Equals(AccessPath.Of(part)))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static bool IsThreadStatic(IFieldSymbol field, WellKnownTypes types)
    {
        foreach (var attribute in field.GetAttributes())
        {
            if (WellKnownTypes.Eq(attribute.AttributeClass, types.ThreadStaticAttribute))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The object or array comes from outside the delegate (captured, a field, this), not made per invocation.</summary>
    private static bool IsOutside(IOperation instance, ConcurrentContext context) => instance.WalkDownConversions() switch
    {
        IInstanceReferenceOperation => context.SharesInstance,
        ILocalReferenceOperation local => !Declares(context, local.Local),
        IParameterReferenceOperation parameter => !Declares(context, parameter.Parameter),
        IFieldReferenceOperation field => field.Field.IsStatic || field.Instance is null || IsOutside(field.Instance, context),
        _ => false,
    };

    /// <summary>A local or parameter of the invocation itself; every one a handler method reaches is its own.</summary>
    private static bool Declares(ConcurrentContext context, ISymbol symbol)
    {
        if (context.Lambda is not { } function)
        {
            return true;
        }

        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            if (function.Syntax.Span.Contains(reference.Span) && reference.SyntaxTree == function.Syntax.SyntaxTree)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Indexed by the index parameter of a Parallel.For body, which no two invocations share (a ForEach element or a
    /// PLINQ item can repeat, so it does not count).
    /// </summary>
    public static bool IsLoopIndex(ImmutableArray<IOperation> indices, ConcurrentContext context)
    {
        if (context.Registration is not IInvocationOperation { TargetMethod.Name: "For" } || context.ParameterName != "body"
            || context.Lambda is not { Symbol.Parameters: { IsEmpty: false } parameters })
        {
            return false;
        }

        var loopIndex = parameters[0];
        foreach (var index in indices)
        {
            if (index.WalkDownConversions() is IParameterReferenceOperation { Parameter: var parameter }
                && SymbolEqualityComparer.Default.Equals(parameter, loopIndex))
            {
                return true;
            }
        }

        return false;
    }

}
