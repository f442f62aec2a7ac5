using ConcurrencyAnalyzers.CodeFixes.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConcurrencyAnalyzers.CodeFixes.ThreadCount;

internal static class ProcessorCountSyntax
{
    /// <summary><c>Environment.ProcessorCount</c>, with <c>using System;</c> added when the file needs it.</summary>
    public static ExpressionSyntax For(INamedTypeSymbol environment) =>
        SyntaxFactory.MemberAccessExpression(
            SyntaxKind.SimpleMemberAccessExpression,
            QualifiedType.For(environment),
            SyntaxFactory.IdentifierName("ProcessorCount"));
}
