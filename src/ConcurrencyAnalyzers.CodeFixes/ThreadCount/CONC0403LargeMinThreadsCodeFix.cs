using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using ConcurrencyAnalyzers.CodeFixes.Core;
using ConcurrencyAnalyzers.Core;
using ConcurrencyAnalyzers.ThreadCount;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.CodeFixes.ThreadCount;

/// <summary>
/// CONC0403: <c>ThreadPool.SetMinThreads(200, 200)</c> → <c>ThreadPool.SetMinThreads(Environment.ProcessorCount,
/// Environment.ProcessorCount)</c>: the runtime's own default minimum, so the pool injects threads beyond the cores only
/// as its hill climbing finds they help. The completion-port count is replaced only when it is a large constant too.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CONC0403LargeMinThreadsCodeFix))]
[Shared]
public sealed class CONC0403LargeMinThreadsCodeFix : BatchedCodeFix
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.LargeMinThreads);

    protected override string EquivalenceKey => DiagnosticIds.LargeMinThreads;

    protected override string Title(Diagnostic diagnostic) => "Use Environment.ProcessorCount";

    internal override Task<ImmutableArray<FixEdit>> PlanAsync(FixDocument document, Diagnostic diagnostic)
    {
        var span = diagnostic.Location.SourceSpan;
        if (span.End > document.Root.FullSpan.End || document.Types.Environment is not { } environment)
        {
            return Task.FromResult(ImmutableArray<FixEdit>.Empty);
        }

        SyntaxNode? node = document.Root.FindNode(span, getInnermostNodeForTie: true);
        while (node is not null and not InvocationExpressionSyntax)
        {
            node = node.Parent;
        }

        if (node is not InvocationExpressionSyntax syntax
            || document.Model.GetOperation(syntax, document.CancellationToken) is not IInvocationOperation { TargetMethod.Name: "SetMinThreads" } invocation
            || !WellKnownTypes.Eq(invocation.TargetMethod.ContainingType, document.Types.ThreadPool))
        {
            return Task.FromResult(ImmutableArray<FixEdit>.Empty);
        }

        var replaceCompletionPort = diagnostic.Properties.TryGetValue(CONC0403LargeMinThreadsAnalyzer.CompletionPortProperty, out var value) && value == "true";
        var edits = ImmutableArray.CreateBuilder<FixEdit>();
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Syntax is ArgumentSyntax argumentSyntax
                && (argument.Parameter?.Ordinal == 0 || (argument.Parameter?.Ordinal == 1 && replaceCompletionPort))
                && argument.Value.ConstantValue.HasValue)
            {
                edits.Add(new FixEdit(argumentSyntax.Expression, current => ProcessorCountSyntax.For(environment).WithTriviaFrom(current)));
            }
        }

        return Task.FromResult(edits.Count == 0 || !Covers(edits, span) ? ImmutableArray<FixEdit>.Empty : edits.ToImmutable());
    }

    /// <summary>The reported worker count must be among the replaced arguments.</summary>
    private static bool Covers(IEnumerable<FixEdit> edits, Microsoft.CodeAnalysis.Text.TextSpan span)
    {
        foreach (var edit in edits)
        {
            if (edit.Target.Span.Contains(span) || span.Contains(edit.Target.Span))
            {
                return true;
            }
        }

        return false;
    }
}
