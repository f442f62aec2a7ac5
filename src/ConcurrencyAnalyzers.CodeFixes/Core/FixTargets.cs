using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.CodeFixes.Core;

internal static class FixTargets
{
    /// <summary>The member (method, accessor, constructor...) around a position, outside any lambda or local function.</summary>
    public static ISymbol? EnclosingMember(SemanticModel model, int position)
    {
        var symbol = model.GetEnclosingSymbol(position);
        while (symbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
        {
            symbol = symbol.ContainingSymbol;
        }

        return symbol;
    }

    /// <summary>The invocation the diagnostic points at, with its syntax.</summary>
    public static (InvocationExpressionSyntax Syntax, IInvocationOperation Operation)? Invocation(FixDocument document, Diagnostic diagnostic)
    {
        foreach (var expression in ExpressionsEndingAt(document.Root, diagnostic))
        {
            if (expression is InvocationExpressionSyntax syntax
                && document.Model.GetOperation(syntax, document.CancellationToken) is IInvocationOperation operation)
            {
                return (syntax, operation);
            }
        }

        return null;
    }

    /// <summary>True when the expression's value is discarded (it is a whole statement).</summary>
    public static bool IsStatement(ExpressionSyntax expression) => expression.Parent is ExpressionStatementSyntax;

    /// <summary>
    /// The expressions that end where the diagnostic ends, innermost first: the candidates for the flagged
    /// operation (a squiggle runs from the member name to the end of the expression).
    /// </summary>
    public static IEnumerable<ExpressionSyntax> ExpressionsEndingAt(SyntaxNode root, Diagnostic diagnostic)
    {
        var span = diagnostic.Location.SourceSpan;
        if (span.End > root.FullSpan.End)
        {
            yield break;
        }

        for (var node = root.FindToken(span.Start).Parent; node is not null and not StatementSyntax; node = node.Parent)
        {
            if (node.Span.End > span.End)
            {
                yield break;
            }

            if (node is ExpressionSyntax expression && node.Span.End == span.End && node.SpanStart <= span.Start)
            {
                yield return expression;
            }
        }
    }
}
