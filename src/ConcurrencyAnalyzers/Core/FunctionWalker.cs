using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Core;

/// <summary>Visits the operations of one function body without entering nested lambdas or local functions.</summary>
internal static class FunctionWalker
{
    /// <summary>
    /// Calls <paramref name="visit"/> for each operation of <paramref name="function"/>'s own body, until it returns false. Returns false when the visit was stopped.
    /// Bodies can be thousands of lines long, so the token is checked at every operation.
    /// </summary>
    public static bool ForEachOwnOperation(IOperation function, CancellationToken cancellationToken, Func<IOperation, bool> visit)
    {
        // Children are pushed in reverse, so operations are visited in source order.
        var stack = new Stack<IOperation>();
        PushChildren(stack, function);

        while (stack.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var operation = stack.Pop();
            if (operation is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                continue;
            }

            if (!visit(operation))
            {
                return false;
            }

            PushChildren(stack, operation);
        }

        return true;
    }

    private static void PushChildren(Stack<IOperation> stack, IOperation operation)
    {
        var start = stack.Count;
        foreach (var child in operation.ChildOperations)
        {
            stack.Push(child);
        }

        // Reverse the run just pushed: the first child ends on top.
        var pushed = stack.Count - start;
        if (pushed > 1)
        {
            var run = new IOperation[pushed];
            for (var i = 0; i < pushed; i++)
            {
                run[i] = stack.Pop();
            }

            foreach (var child in run)
            {
                stack.Push(child);
            }
        }
    }
}
