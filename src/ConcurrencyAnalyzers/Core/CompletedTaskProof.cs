using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Core;

/// <summary>
/// Decides whether a task is already complete where it is waited on, so that reading <c>.Result</c> cannot block:
/// it was awaited before (directly or through <c>Task.WhenAll</c>), it came out of <c>await Task.WhenAny</c>, its
/// completion state was checked, or it was made complete (<c>Task.FromResult</c>, <c>Task.CompletedTask</c>).
/// </summary>
internal static class CompletedTaskProof
{
    public static bool IsProvenComplete(IOperation taskOperation, EnclosingFunction function, WellKnownTypes types)
    {
        var task = StripConfigureAwait(taskOperation.WalkDownConversions(), types);
        if (IsCompletedByConstruction(task, types))
        {
            return true;
        }

        // A task element of a collection: tasks[i] or the variable of foreach (var t in tasks).
        var collection = ElementSource(task, function);
        var symbol = collection is null ? task.ReferencedSymbol() : null;
        if (symbol is null && collection is null)
        {
            return false;
        }

        var usePosition = taskOperation.Syntax.SpanStart;
        var tree = taskOperation.Syntax.SyntaxTree;
        var lastWrite = -1;
        var lastEvidence = -1;
        FunctionWalker.ForEachOwnOperation(function.Root, operation =>
        {
            var position = operation.Syntax.SpanStart;
            if (operation.Syntax.SyntaxTree != tree || position >= usePosition)
            {
                return true;
            }

            if (symbol is not null)
            {
                if (operation is ISimpleAssignmentOperation assignment
                    && WellKnownTypes.Eq(assignment.Target.ReferencedSymbol(), symbol))
                {
                    // t = await Task.WhenAny(...) makes t complete; any other write forgets what was proven.
                    if (assignment.Value.WalkDownConversions() is IAwaitOperation assignedAwait && IsWhenAny(assignedAwait.Operation, types))
                    {
                        lastEvidence = position > lastEvidence ? position : lastEvidence;
                    }
                    else
                    {
                        lastWrite = position > lastWrite ? position : lastWrite;
                    }
                }
                else if (operation is IVariableDeclaratorOperation { Initializer.Value: { } initial } declarator
                    && WellKnownTypes.Eq(declarator.Symbol, symbol)
                    && initial.WalkDownConversions() is IAwaitOperation initialAwait
                    && IsWhenAny(initialAwait.Operation, types))
                {
                    lastEvidence = position > lastEvidence ? position : lastEvidence;
                }
                else if (operation is IPropertyReferenceOperation { Instance: { } instance } property
                    && IsCompletionStateProperty(property.Property, types)
                    && WellKnownTypes.Eq(instance.ReferencedSymbol(), symbol))
                {
                    lastEvidence = position > lastEvidence ? position : lastEvidence;
                }
            }

            if (operation is IAwaitOperation awaitOperation && Awaits(awaitOperation.Operation, symbol ?? collection!, types))
            {
                lastEvidence = position > lastEvidence ? position : lastEvidence;
            }

            return true;
        });

        return lastEvidence > lastWrite;
    }

    private static bool IsCompletedByConstruction(IOperation task, WellKnownTypes types)
    {
        switch (task)
        {
            case IAwaitOperation awaited:
                // (await Task.WhenAny(...)).Result
                return IsWhenAny(awaited.Operation, types);
            case IInvocationOperation invocation:
                var method = invocation.TargetMethod;
                return method.IsStatic
                    && WellKnownTypes.Eq(method.ContainingType, types.Task)
                    && method.Name is "FromResult" or "FromException" or "FromCanceled";
            case IPropertyReferenceOperation property:
                return property.Property.IsStatic
                    && WellKnownTypes.Eq(property.Property.ContainingType, types.Task)
                    && property.Property.Name == "CompletedTask";
            default:
                return false;
        }
    }

    /// <summary>The collection a task was taken from, for tasks[i] and foreach variables.</summary>
    private static ISymbol? ElementSource(IOperation task, EnclosingFunction function)
    {
        switch (task)
        {
            case IArrayElementReferenceOperation element:
                return element.ArrayReference.ReferencedSymbol();
            case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } instance }:
                return instance.ReferencedSymbol();
            case ILocalReferenceOperation local:
                ISymbol? source = null;
                FunctionWalker.ForEachOwnOperation(function.Root, operation =>
                {
                    if (operation is IForEachLoopOperation loop && loop.Locals.Contains(local.Local))
                    {
                        source = loop.Collection.ReferencedSymbol();
                        return false;
                    }

                    return true;
                });
                return source;
            default:
                return null;
        }
    }

    /// <summary>True when the awaited operand proves <paramref name="symbol"/> complete.</summary>
    private static bool Awaits(IOperation awaited, ISymbol symbol, WellKnownTypes types)
    {
        awaited = StripConfigureAwait(awaited.WalkDownConversions(), types);
        if (awaited.ReferencedSymbol() is { } awaitedSymbol)
        {
            if (WellKnownTypes.Eq(awaitedSymbol, symbol))
            {
                return true;
            }

            // var all = Task.WhenAll(a, b); await all;
            if (awaitedSymbol is ILocalSymbol local && local.InitializerOf(awaited.SemanticModel) is { } initializer)
            {
                awaited = StripConfigureAwait(initializer, types);
            }
        }

        if (awaited is not IInvocationOperation { TargetMethod: { IsStatic: true, Name: "WhenAll" } whenAll } invocation
            || !WellKnownTypes.Eq(whenAll.ContainingType, types.Task))
        {
            return false;
        }

        // Whatever shape carries the tasks: a params array or span, an array or collection expression, the
        // collection itself or a view of it (dictionary.Values).
        foreach (var argument in invocation.Arguments)
        {
            if (WellKnownTypes.Eq(argument.Value.ReferencedSymbol(), symbol))
            {
                return true;
            }

            foreach (var part in argument.Value.Descendants())
            {
                if (WellKnownTypes.Eq(part.ReferencedSymbol(), symbol))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsWhenAny(IOperation operation, WellKnownTypes types) =>
        StripConfigureAwait(operation.WalkDownConversions(), types) is IInvocationOperation { TargetMethod: { IsStatic: true, Name: "WhenAny" } method }
        && WellKnownTypes.Eq(method.ContainingType, types.Task);

    private static bool IsCompletionStateProperty(IPropertySymbol property, WellKnownTypes types) =>
        property.Name is "IsCompleted" or "IsCompletedSuccessfully" or "IsFaulted" or "IsCanceled" or "Status"
        && types.IsTaskLike(property.ContainingType);

    /// <summary><c>t.ConfigureAwait(false)</c> → <c>t</c>.</summary>
    public static IOperation StripConfigureAwait(IOperation operation, WellKnownTypes types)
    {
        while (operation is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } instance }
               && types.IsTaskLike(instance.Type))
        {
            operation = instance.WalkDownConversions();
        }

        return operation;
    }
}
