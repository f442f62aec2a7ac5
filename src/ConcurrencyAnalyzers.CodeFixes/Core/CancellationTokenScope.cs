using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ConcurrencyAnalyzers.Core;

namespace ConcurrencyAnalyzers.CodeFixes.Core;

/// <summary>Finds the cancellation token a fix should forward: a parameter in scope, or the request's abort token.</summary>
internal static class CancellationTokenScope
{
    public static ExpressionSyntax? Find(SyntaxNode node, SemanticModel model, WellKnownTypes types)
    {
        if (types.CancellationToken is null)
        {
            return null;
        }

        var position = node.SpanStart;
        IParameterSymbol? httpContextParameter = null;
        for (var function = AwaitSite.EnclosingFunction(node); function is not null; function = AwaitSite.EnclosingFunction(function))
        {
            if (FunctionSymbol(function, model) is not { } symbol)
            {
                continue;
            }

            IParameterSymbol? token = null;
            var tokens = 0;
            foreach (var parameter in symbol.Parameters)
            {
                if (WellKnownTypes.Eq(parameter.Type, types.CancellationToken))
                {
                    token = parameter;
                    tokens++;
                }
                else if (httpContextParameter is null && WellKnownTypes.Eq(parameter.Type, types.HttpContext))
                {
                    httpContextParameter = parameter;
                }
            }

            if (tokens > 1)
            {
                return null; // Ambiguous: let the author choose.
            }

            if (token is not null && Binds(model, position, token))
            {
                return SyntaxFactory.IdentifierName(token.Name);
            }

            if (function is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax)
            {
                break;
            }
        }

        if (httpContextParameter is not null && Binds(model, position, httpContextParameter))
        {
            return RequestAborted(SyntaxFactory.IdentifierName(httpContextParameter.Name));
        }

        // Controllers, Razor Pages and other types with an HttpContext property.
        foreach (var symbol in model.LookupSymbols(position, name: "HttpContext"))
        {
            if (symbol is IPropertySymbol { IsStatic: false } property
                && WellKnownTypes.Eq(property.Type, types.HttpContext)
                && CanUseThis(model.GetEnclosingSymbol(position)))
            {
                return RequestAborted(SyntaxFactory.IdentifierName(property.Name));
            }
        }

        return null;
    }

    /// <summary>False in static members and in static lambdas or local functions, which cannot reach instance state.</summary>
    private static bool CanUseThis(ISymbol? symbol)
    {
        for (var current = symbol; current is not null; current = current.ContainingSymbol)
        {
            if (current.IsStatic)
            {
                return false;
            }

            if (current is not IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
            {
                return true;
            }
        }

        return false;
    }

    private static IMethodSymbol? FunctionSymbol(SyntaxNode function, SemanticModel model) => function switch
    {
        AnonymousFunctionExpressionSyntax lambda => model.GetSymbolInfo(lambda).Symbol as IMethodSymbol,
        CompilationUnitSyntax => null,
        _ => model.GetDeclaredSymbol(function) as IMethodSymbol,
    };

    private static bool Binds(SemanticModel model, int position, ISymbol symbol)
    {
        var found = model.LookupSymbols(position, name: symbol.Name);
        return found.Length == 1 && WellKnownTypes.Eq(found[0], symbol);
    }

    private static ExpressionSyntax RequestAborted(ExpressionSyntax httpContext) =>
        SyntaxFactory.MemberAccessExpression(
            SyntaxKind.SimpleMemberAccessExpression,
            httpContext,
            SyntaxFactory.IdentifierName("RequestAborted"));
}
