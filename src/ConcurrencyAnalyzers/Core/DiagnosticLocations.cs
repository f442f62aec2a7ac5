using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace ConcurrencyAnalyzers.Core;

/// <summary>Where squiggles go: the smallest span that names the problem.</summary>
internal static class DiagnosticLocations
{
    /// <summary>
    /// From the member name to the end of the expression: <c>Result</c> in <c>t.Result</c>, <c>Wait()</c> in
    /// <c>t.Wait()</c>, <c>GetAwaiter().GetResult()</c> when <paramref name="start"/> is the inner GetAwaiter call.
    /// </summary>
    public static Location MemberToEnd(SyntaxNode node, SyntaxNode? start = null)
    {
        var nameStart = NameStart(start ?? node) ?? node.SpanStart;
        return Location.Create(node.SyntaxTree, TextSpan.FromBounds(nameStart, node.Span.End));
    }

    /// <summary>
    /// True when <paramref name="a"/> comes before <paramref name="b"/> in source order (by file path, then position):
    /// picks the same additional location whatever order the analysis ran in.
    /// </summary>
    public static bool Precedes(Location a, Location b)
    {
        var byPath = string.CompareOrdinal(a.SourceTree?.FilePath, b.SourceTree?.FilePath);
        return byPath < 0 || (byPath == 0 && a.SourceSpan.Start < b.SourceSpan.Start);
    }

    private static int? NameStart(SyntaxNode node) => node switch
    {
        InvocationExpressionSyntax invocation => NameStart(invocation.Expression),
        MemberAccessExpressionSyntax memberAccess => memberAccess.Name.SpanStart,
        MemberBindingExpressionSyntax memberBinding => memberBinding.Name.SpanStart,
        SimpleNameSyntax name => name.SpanStart,
        _ => null,
    };
}
