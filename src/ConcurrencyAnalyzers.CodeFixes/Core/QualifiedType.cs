using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace ConcurrencyAnalyzers.CodeFixes.Core;

internal static class QualifiedType
{
    /// <summary>
    /// <c>global::Namespace.Type</c>, annotated so the fix adds the using and the simplifier shortens it. Parsed
    /// rather than generated: generated nodes carry elastic trivia that would reformat the whole statement.
    /// </summary>
    public static ExpressionSyntax For(INamedTypeSymbol type) =>
        SyntaxFactory.ParseExpression(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
}
