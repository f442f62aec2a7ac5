using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ConcurrencyAnalyzers.Tests.Infrastructure;

/// <summary>Derives broken sources from a valid one: truncations, deleted and duplicated tokens, unbalanced braces.</summary>
internal static class SourceMutator
{
    public static IEnumerable<(string Kind, string Source)> Mutate(string source, int perKind, int seed)
    {
        var random = new Random(seed);
        var tokens = CSharpSyntaxTree.ParseText(source).GetRoot().DescendantTokens().ToArray();
        for (var i = 1; i <= perKind; i++)
        {
            yield return ("truncated", source.Substring(0, source.Length * i / (perKind + 1)));
        }

        for (var i = 0; i < perKind; i++)
        {
            var token = tokens[random.Next(tokens.Length)];
            yield return ("token deleted", source.Remove(token.SpanStart, token.Span.Length));
            var other = tokens[random.Next(tokens.Length)];
            yield return ("token duplicated", source.Insert(other.Span.End, " " + other.Text));
        }

        var braces = tokens.Where(t => t.IsKind(SyntaxKind.CloseBraceToken) || t.IsKind(SyntaxKind.CloseParenToken)).ToArray();
        for (var i = 0; i < perKind && braces.Length > 0; i++)
        {
            var brace = braces[random.Next(braces.Length)];
            yield return ("unbalanced", source.Remove(brace.SpanStart, 1));
            yield return ("unbalanced", source.Insert(brace.SpanStart, "{"));
        }
    }
}
