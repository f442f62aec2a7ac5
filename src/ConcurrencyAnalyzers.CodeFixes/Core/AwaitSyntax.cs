using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace ConcurrencyAnalyzers.CodeFixes.Core;

/// <summary>Builds <c>await</c> expressions that keep the surrounding code's meaning and style.</summary>
internal static class AwaitSyntax
{
    /// <summary>
    /// <c>await operand</c> in parentheses the simplifier removes where precedence does not need them, with
    /// <c>.ConfigureAwait(false)</c> appended when <paramref name="configureAwaitFalse"/> is set.
    /// </summary>
    public static ExpressionSyntax Await(ExpressionSyntax operand, bool configureAwaitFalse)
    {
        var awaited = operand.WithoutTrivia();
        if (awaited is ParenthesizedExpressionSyntax { Expression: AwaitExpressionSyntax inner })
        {
            awaited = inner; // await (await t) reads better as await await t.
        }

        if (configureAwaitFalse)
        {
            awaited = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(
                    SyntaxKind.SimpleMemberAccessExpression,
                    Parenthesize(awaited),
                    SyntaxFactory.IdentifierName("ConfigureAwait")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(
                    SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.FalseLiteralExpression)))));
        }

        var awaitExpression = SyntaxFactory.AwaitExpression(
            SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.AwaitKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space)),
            Parenthesize(awaited));
        return SyntaxFactory.ParenthesizedExpression(awaitExpression)
            .WithTriviaFrom(operand)
            .WithAdditionalAnnotations(Simplifier.Annotation);
    }

    /// <summary>Appends an argument with the usual <c>", "</c> separator, so no formatter pass is needed.</summary>
    public static ArgumentListSyntax AddArgument(ArgumentListSyntax list, ArgumentSyntax argument)
    {
        var arguments = list.Arguments;
        var separators = new System.Collections.Generic.List<SyntaxToken>(arguments.GetSeparators());
        if (arguments.Count > 0)
        {
            separators.Add(SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.CommaToken, SyntaxFactory.TriviaList(SyntaxFactory.Space)));
        }

        return list.WithArguments(SyntaxFactory.SeparatedList(arguments.Add(argument), separators));
    }

    /// <summary>True when the file already awaits with <c>ConfigureAwait(false)</c>: keep its style.</summary>
    public static bool FileUsesConfigureAwaitFalse(SyntaxNode root)
    {
        foreach (var node in root.DescendantNodes())
        {
            if (node is InvocationExpressionSyntax
                {
                    Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" },
                    ArgumentList.Arguments: { Count: 1 } arguments,
                }
                && arguments[0].Expression is LiteralExpressionSyntax literal
                && literal.IsKind(SyntaxKind.FalseLiteralExpression)
                && node.Parent is AwaitExpressionSyntax or MemberAccessExpressionSyntax)
            {
                return true;
            }
        }

        return false;
    }

    private static ExpressionSyntax Parenthesize(ExpressionSyntax expression) =>
        expression is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax
            or ElementAccessExpressionSyntax or ParenthesizedExpressionSyntax or ThisExpressionSyntax
            or LiteralExpressionSyntax or GenericNameSyntax or AwaitExpressionSyntax
            ? expression
            : SyntaxFactory.ParenthesizedExpression(expression).WithAdditionalAnnotations(Simplifier.Annotation);
}
