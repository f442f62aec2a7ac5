using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace ConcurrencyAnalyzers.CodeFixes.Core;

/// <summary>One planned replacement: the node in the original tree and how to rewrite its (possibly edited) form.</summary>
internal sealed class FixEdit
{
    public FixEdit(SyntaxNode target, Func<SyntaxNode, SyntaxNode> replace)
        : this(target, replace, remove: false)
    {
    }

    private FixEdit(SyntaxNode target, Func<SyntaxNode, SyntaxNode> replace, bool remove)
    {
        Target = target;
        Replace = replace;
        Remove = remove;
    }

    /// <summary>An edit that removes the target (a statement made redundant by another edit).</summary>
    public static FixEdit Removal(SyntaxNode target) => new(target, current => current, remove: true);

    public SyntaxNode Target { get; }

    public bool Remove { get; }

    /// <summary>Rewrites the target as it is when the edit applies (nested fixes may have changed its inside).</summary>
    public Func<SyntaxNode, SyntaxNode> Replace { get; }
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

    /// <summary>Plans the fix of one diagnostic: its edits, or none when it cannot be applied safely.</summary>
    internal abstract Task<ImmutableArray<FixEdit>> PlanAsync(FixDocument document, Diagnostic diagnostic);

    /// <summary>The plan of a fix that makes a single edit.</summary>
    internal static Task<ImmutableArray<FixEdit>> One(FixEdit? edit) =>
        Task.FromResult(edit is null ? ImmutableArray<FixEdit>.Empty : ImmutableArray.Create(edit));

    public sealed override FixAllProvider GetFixAllProvider() =>
        FixAllProvider.Create(async (context, document, diagnostics) =>
            await ApplyAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var document = await FixDocument.CreateAsync(context.Document, context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if ((await PlanAsync(document, diagnostic).ConfigureAwait(false)).IsEmpty)
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
        // Several diagnostics may plan the same edit (every blocking call of one handler): each node is edited once.
        var edited = new HashSet<SyntaxNode>();
        foreach (var diagnostic in diagnostics)
        {
            foreach (var edit in await PlanAsync(fixDocument, diagnostic).ConfigureAwait(false))
            {
                if (!edited.Add(edit.Target))
                {
                    continue;
                }

                if (edit.Remove)
                {
                    editor.RemoveNode(edit.Target, SyntaxRemoveOptions.KeepUnbalancedDirectives);
                }
                else
                {
                    editor.ReplaceNode(edit.Target, (current, _) => edit.Replace(current));
                }
            }
        }

        if (edited.Count == 0)
        {
            return document;
        }

        var changed = editor.GetChangedDocument();
        changed = await ImportAdder.AddImportsAsync(changed, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        changed = await Simplifier.ReduceAsync(changed, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await Formatter.FormatAsync(changed, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
