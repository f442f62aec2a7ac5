using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConcurrencyAnalyzers.CodeFixes.Core;

/// <summary>Whether an <c>await</c> may replace an expression without breaking the code.</summary>
internal static class AwaitSite
{
    /// <summary>
    /// False inside lock bodies, catch filters, query expressions and unsafe code (where the compiler rejects
    /// <c>await</c>), outside an async function, and in functions with ref locals or ref struct locals (which cannot
    /// live across an <c>await</c>).
    /// </summary>
    public static bool CanAwait(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        SyntaxNode? function = null;
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case LockStatementSyntax lockStatement when lockStatement.Statement.Span.Contains(node.Span):
                case CatchFilterClauseSyntax:
                case QueryExpressionSyntax:
                case UnsafeStatementSyntax:
                case FixedStatementSyntax:
                    return false;
                case MemberDeclarationSyntax member when member.Modifiers.Any(SyntaxKind.UnsafeKeyword):
                case LocalFunctionStatementSyntax local when local.Modifiers.Any(SyntaxKind.UnsafeKeyword):
                    return false;
            }

            if (function is null && IsFunction(current))
            {
                function = current;
                if (!IsAsync(current))
                {
                    return false;
                }
            }
        }

        return function is not null && !DeclaresRefLocals(function, model, cancellationToken);
    }

    /// <summary>The innermost method, lambda, local function or top-level program around <paramref name="node"/>.</summary>
    public static SyntaxNode? EnclosingFunction(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            if (IsFunction(current))
            {
                return current;
            }
        }

        return null;
    }

    private static bool IsFunction(SyntaxNode node) =>
        node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax
            or AccessorDeclarationSyntax or CompilationUnitSyntax;

    private static bool IsAsync(SyntaxNode function) => function switch
    {
        AnonymousFunctionExpressionSyntax lambda => lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword),
        LocalFunctionStatementSyntax local => local.Modifiers.Any(SyntaxKind.AsyncKeyword),
        BaseMethodDeclarationSyntax method => method.Modifiers.Any(SyntaxKind.AsyncKeyword),
        CompilationUnitSyntax => true, // Top-level statements: an await makes the entry point async.
        _ => false,
    };

    private static bool DeclaresRefLocals(SyntaxNode function, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var descendant in function.DescendantNodes(n => n == function || !IsFunction(n)))
        {
            if (descendant is VariableDeclaratorSyntax or SingleVariableDesignationSyntax
                && model.GetDeclaredSymbol(descendant, cancellationToken) is ILocalSymbol local
                && (local.IsRef || local.Type.IsRefLikeType))
            {
                return true;
            }
        }

        return false;
    }
}
