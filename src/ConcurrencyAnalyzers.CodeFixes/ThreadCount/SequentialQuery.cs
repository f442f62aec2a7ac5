using System.Collections.Generic;
using ConcurrencyAnalyzers.CodeFixes.Core;
using ConcurrencyAnalyzers.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.CodeFixes.ThreadCount;

/// <summary>
/// <c>xs.AsParallel().Select(...).Sum()</c> → <c>xs.Select(...).Sum()</c>: only when every PLINQ operator after
/// AsParallel has a LINQ to Objects twin of the same name, the query ends in a value that is not a ParallelQuery (so
/// nothing later relies on PLINQ), and the sequential query binds to the same type.
/// </summary>
internal static class SequentialQuery
{
    /// <summary>Operators whose sequential twin computes the same result (order aside: a sequential query keeps the source order).</summary>
    private static readonly HashSet<string> Sequential = new()
    {
        "Select", "Where", "SelectMany", "Sum", "Min", "Max", "Average", "Count", "LongCount", "Any", "All", "Contains",
        "ToArray", "ToList", "ToDictionary", "ToLookup", "Aggregate", "First", "FirstOrDefault", "Single", "SingleOrDefault",
        "Distinct", "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending", "GroupBy", "Take", "Skip", "Cast", "OfType",
    };

    public static FixEdit? Plan(FixDocument document, IInvocationOperation asParallel, InvocationExpressionSyntax syntax)
    {
        if (syntax.Expression is not MemberAccessExpressionSyntax { Expression: { } source }
            || asParallel.TargetMethod.Parameters.Length != 1
            || asParallel.TargetMethod.Parameters[0].Type.OriginalDefinition.SpecialType != SpecialType.System_Collections_Generic_IEnumerable_T)
        {
            return null;
        }

        // Up the chain of PLINQ operators applied to the query.
        IOperation top = asParallel;
        while (Next(top, document.Types) is { } next)
        {
            if (!Sequential.Contains(next.TargetMethod.Name))
            {
                return null;
            }

            top = next;
        }

        if (top == asParallel || top.Type is null || WellKnownTypes.Derives(top.Type, document.Types.ParallelQuery) || top.Syntax is not ExpressionSyntax topSyntax)
        {
            return null;
        }

        var sequential = topSyntax.ReplaceNode(syntax, source.WithTriviaFrom(syntax));
        var bound = document.Model.GetSpeculativeTypeInfo(topSyntax.SpanStart, sequential, SpeculativeBindingOption.BindAsExpression).Type;
        if (bound is null || !SymbolEqualityComparer.Default.Equals(bound, top.Type))
        {
            return null;
        }

        return new FixEdit(syntax, current => current is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: { } receiver } }
            ? receiver.WithTriviaFrom(current)
            : current);
    }

    /// <summary>The PLINQ operator applied to <paramref name="query"/> (its this-argument), if any.</summary>
    private static IInvocationOperation? Next(IOperation query, WellKnownTypes types)
    {
        var current = query;
        while (current.Parent is IConversionOperation)
        {
            current = current.Parent;
        }

        return current.Parent is IArgumentOperation { Parameter.Ordinal: 0, Parent: IInvocationOperation next }
            && next.TargetMethod.IsExtensionMethod
            && WellKnownTypes.Eq(next.TargetMethod.ContainingType, types.ParallelEnumerable)
            ? next
            : null;
    }
}
