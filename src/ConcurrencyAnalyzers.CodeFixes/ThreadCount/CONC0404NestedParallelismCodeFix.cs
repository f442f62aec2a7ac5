using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using ConcurrencyAnalyzers.CodeFixes.Core;
using ConcurrencyAnalyzers.ThreadCount;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.CodeFixes.ThreadCount;

/// <summary>
/// CONC0404: the inner loop runs sequentially. <c>Parallel.For(a, b, i => body);</c> → <c>for (int i = a; i &lt; b; i++) body</c>,
/// <c>Parallel.ForEach(xs, x => body);</c> → <c>foreach (var x in xs) body</c> (a <c>return</c> of the body becomes
/// <c>continue</c>), and <c>xs.AsParallel().Sum()</c> → <c>xs.Sum()</c> where every operator of the query has a
/// sequential twin. Offered only for the shapes whose meaning is kept (see <see cref="SequentialLoop"/>).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CONC0404NestedParallelismCodeFix))]
[Shared]
public sealed class CONC0404NestedParallelismCodeFix : BatchedCodeFix
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.NestedParallelism);

    protected override string EquivalenceKey => DiagnosticIds.NestedParallelism;

    protected override string Title(Diagnostic diagnostic) => "Run the inner loop sequentially";

    internal override Task<ImmutableArray<FixEdit>> PlanAsync(FixDocument document, Diagnostic diagnostic)
    {
        var span = diagnostic.Location.SourceSpan;
        if (span.End > document.Root.FullSpan.End)
        {
            return One(null);
        }

        SyntaxNode? node = document.Root.FindNode(span, getInnermostNodeForTie: true);
        while (node is not null and not InvocationExpressionSyntax)
        {
            node = node.Parent;
        }

        if (node is not InvocationExpressionSyntax syntax
            || document.Model.GetOperation(syntax, document.CancellationToken) is not IInvocationOperation invocation
            || NestedParallelism.InnerLoopName(invocation, document.Types) is null)
        {
            return One(null);
        }

        return One(invocation.TargetMethod.Name == "AsParallel"
            ? SequentialQuery.Plan(document, invocation, syntax)
            : SequentialLoop.Plan(document, invocation, syntax));
    }
}
