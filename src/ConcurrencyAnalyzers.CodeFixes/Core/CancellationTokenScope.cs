using ConcurrencyAnalyzers.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConcurrencyAnalyzers.CodeFixes.Core;

/// <summary>
/// Finds the cancellation token a fix should forward: the one <c>CancellationToken</c> parameter of the function the
/// call is in, else the request's abort token of its <c>HttpContext</c> parameter, else (in a method, not a lambda) of
/// the type's <c>HttpContext</c> property. Tokens of enclosing functions are not borrowed: a lambda may run after they
/// are cancelled or their request has ended (fire-and-forget work handed to Task.Run).
/// </summary>
internal static class CancellationTokenScope
{
    public static ExpressionSyntax? Find(SyntaxNode node, SemanticModel model, WellKnownTypes types)
    {
        if (types.CancellationToken is null || AwaitSite.FunctionOf(node) is not { } function)
        {
            return null;
        }

        var position = node.SpanStart;
        var symbol = FunctionSymbol(function, model);
        if (symbol is not null)
        {
            IParameterSymbol? token = null;
            IParameterSymbol? httpContext = null;
            var tokens = 0;
            foreach (var parameter in symbol.Parameters)
            {
                if (WellKnownTypes.Eq(parameter.Type, types.CancellationToken))
                {
                    token = parameter;
                    tokens++;
                }
                else if (httpContext is null && WellKnownTypes.Eq(parameter.Type, types.HttpContext))
                {
                    httpContext = parameter;
                }
            }

            if (tokens > 1)
            {
                return null; // Ambiguous: let the author choose.
            }

            if (token is not null)
            {
                return Binds(model, position, token) ? Name(token.Name) : null;
            }

            if (httpContext is not null && Binds(model, position, httpContext))
            {
                return RequestAborted(Name(httpContext.Name));
            }
        }

        // Controllers, Razor Pages and other types with an HttpContext property, from their own instance methods.
        if (function is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax && symbol is { IsStatic: false, ContainingType: { } type })
        {
            foreach (var candidate in model.LookupSymbols(position, name: "HttpContext"))
            {
                if (candidate is IPropertySymbol { IsStatic: false } property
                    && WellKnownTypes.Eq(property.Type, types.HttpContext)
                    && WellKnownTypes.Derives(type, property.ContainingType.OriginalDefinition))
                {
                    return RequestAborted(Name(property.Name));
                }
            }
        }

        return null;
    }

    /// <summary>An identifier, escaped with @ where the name is a keyword (a parameter named @event).</summary>
    public static IdentifierNameSyntax Name(string name) =>
        SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None
            ? SyntaxFactory.IdentifierName(name)
            : SyntaxFactory.IdentifierName(SyntaxFactory.Identifier(default, SyntaxKind.IdentifierToken, "@" + name, name, default));

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
