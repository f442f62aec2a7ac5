using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace ConcurrencyAnalyzers.CodeFixes.Core;

/// <summary>One planned replacement: the node in the original tree and how to rewrite its (possibly edited) form.</summary>
internal sealed class FixEdit
{
    public FixEdit(SyntaxNode target, Func<SyntaxNode, SyntaxGenerator, SyntaxNode> replace)
    {
        Target = target;
        Replace = replace;
    }

    public SyntaxNode Target { get; }

    public Func<SyntaxNode, SyntaxGenerator, SyntaxNode> Replace { get; }
}

/// <summary>
/// A fix whose single-diagnostic and Fix All paths share one planner: every edit is planned on the original document
/// (where the semantic re-checks run) and applied through one editor, so nested fixes (a wait inside a wait) compose.
/// </summary>
public abstract class BatchedCodeFix : CodeFixProvider
{
    /// <summary>Stable per rule, so Fix All and dotnet format group the fixes of one rule.</summary>
    protected abstract string EquivalenceKey { get; }

    protected abstract string Title(Diagnostic diagnostic);

    /// <summary>Plans the fix of one diagnostic, or returns null when it cannot be applied safely.</summary>
    internal abstract FixEdit? Plan(FixDocument document, Diagnostic diagnostic);

    public sealed override FixAllProvider GetFixAllProvider() =>
        FixAllProvider.Create(async (context, document, diagnostics) =>
            await ApplyAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var document = await FixDocument.CreateAsync(context.Document, context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (Plan(document, diagnostic) is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    Title(diagnostic),
                    cancellationToken => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var fixDocument = await FixDocument.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var planned = false;
        foreach (var diagnostic in diagnostics)
        {
            if (Plan(fixDocument, diagnostic) is { } edit)
            {
                editor.ReplaceNode(edit.Target, edit.Replace);
                planned = true;
            }
        }

        if (!planned)
        {
            return document;
        }

        var changed = editor.GetChangedDocument();
        changed = await ImportAdder.AddImportsAsync(changed, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        changed = await Simplifier.ReduceAsync(changed, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await Formatter.FormatAsync(changed, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The expressions that end where the diagnostic ends, innermost first: the candidates for the flagged
    /// operation (a squiggle runs from the member name to the end of the expression).
    /// </summary>
    internal static IEnumerable<ExpressionSyntax> ExpressionsEndingAt(SyntaxNode root, Diagnostic diagnostic)
    {
        var span = diagnostic.Location.SourceSpan;
        if (span.End > root.FullSpan.End)
        {
            yield break;
        }

        for (var node = root.FindToken(span.Start).Parent; node is not null and not StatementSyntax; node = node.Parent)
        {
            if (node.Span.End > span.End)
            {
                yield break;
            }

            if (node is ExpressionSyntax expression && node.Span.End == span.End && node.SpanStart <= span.Start)
            {
                yield return expression;
            }
        }
    }
}
