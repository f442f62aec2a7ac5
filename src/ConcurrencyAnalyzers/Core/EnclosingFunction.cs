using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Core;

/// <summary>The function (method, lambda or local function) that an operation runs in, and whether it is async.</summary>
internal readonly struct EnclosingFunction
{
    public EnclosingFunction(IMethodSymbol? symbol, IOperation root, ISymbol? member)
    {
        Symbol = symbol;
        Root = root;
        Member = member;
    }

    /// <summary>The method, lambda or local function symbol; null in field initializers and similar.</summary>
    public IMethodSymbol? Symbol { get; }

    /// <summary>The lambda or local function operation, or the root of the member's operation tree.</summary>
    public IOperation Root { get; }

    /// <summary>The member (method, accessor, field...) whose body holds the function.</summary>
    public ISymbol? Member { get; }

    public bool IsAsync => Symbol is { IsAsync: true };

    /// <summary>
    /// Finds the innermost function around <paramref name="operation"/>. Code in a sync lambda or sync local function
    /// inside an async method runs wherever that delegate is invoked (often handed to Task.Run), so it is not async code.
    /// </summary>
    public static EnclosingFunction Of(IOperation operation, ISymbol? containingSymbol)
    {
        var current = operation;
        while (current.Parent is { } parent)
        {
            switch (parent)
            {
                case IAnonymousFunctionOperation lambda:
                    return new EnclosingFunction(lambda.Symbol, lambda, containingSymbol);
                case ILocalFunctionOperation localFunction:
                    return new EnclosingFunction(localFunction.Symbol, localFunction, containingSymbol);
            }

            current = parent;
        }

        return new EnclosingFunction(containingSymbol as IMethodSymbol, current, containingSymbol);
    }
}
