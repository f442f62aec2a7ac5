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
        var stack = new Stack<IOperation>();
        foreach (var child in function.ChildOperations)
        {
            stack.Push(child);
        }

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

            foreach (var child in operation.ChildOperations)
            {
                stack.Push(child);
            }
        }

        return true;
    }
}
