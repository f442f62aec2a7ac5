using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Core;

/// <summary>Visits the operations of one function body without entering nested lambdas or local functions.</summary>
internal static class FunctionWalker
{
    /// <summary>
    /// Calls <paramref name="visit"/> for each operation of <paramref name="function"/>'s own body, until it returns false. Returns false when the visit was stopped.
    /// </summary>
    public static bool ForEachOwnOperation(IOperation function, Func<IOperation, bool> visit)
    {
        // Children are pushed in reverse, so operations are visited in source order.
        var stack = new Stack<IOperation>();
        PushChildren(stack, function);

        while (stack.Count > 0)
        {
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
