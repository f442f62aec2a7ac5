using System;

namespace ConcurrencyAnalyzers.Core;

/// <summary>
/// Bounds the recursion of operation walks on one thread. A long left-deep expression (a sum or concatenation of
/// thousands of terms) is an operation tree thousands of levels deep, and a stack overflow would end the compiler
/// process; past the bound a walk stops descending, which at worst misses a report inside such an expression.
/// </summary>
internal static class StackGuard
{
    public const int MaxDepth = 300;

    [ThreadStatic]
    private static int t_depth;

    /// <summary>True when one more level fits; every true must be paired with <see cref="Exit"/>.</summary>
    public static bool TryEnter()
    {
        if (t_depth >= MaxDepth)
        {
            return false;
        }

        t_depth++;
        return true;
    }

    public static void Exit() => t_depth--;
}
