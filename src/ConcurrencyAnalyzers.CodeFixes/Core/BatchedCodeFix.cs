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
    public FixEdit(SyntaxNode target, Func<SyntaxNode, SyntaxNode> replace, string? key = null)
        : this(target, replace, key, remove: false)
    {
    }

    private FixEdit(SyntaxNode target, Func<SyntaxNode, SyntaxNode> replace, string? key, bool remove)
    {
        Target = target;
        Replace = replace;
        Key = key;
        Remove = remove;
    }

    /// <summary>An edit that removes the target (a statement made redundant by another edit).</summary>
    public static FixEdit Removal(SyntaxNode target) => new(target, current => current, key: null, remove: true);

    public SyntaxNode Target { get; }

    /// <summary>
    /// Tells apart different edits of one node (two fields added to one type); edits with the same target and key
    /// are the same edit, made once.
    /// </summary>
    public string? Key { get; }

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

    /// <summary>
    /// The equivalence keys of every action the fix offers, the default (<see cref="EquivalenceKey"/>) first. A fix
    /// with several ways to remove a diagnostic offers each one it can plan, and Fix All applies the chosen one.
    /// </summary>
    protected virtual ImmutableArray<string> ActionKeys => ImmutableArray.Create(EquivalenceKey);

    /// <summary>The title of the action with key <paramref name="key"/>.</summary>
    protected virtual string Title(Diagnostic diagnostic, string key) => Title(diagnostic);

    /// <summary>Plans the action with key <paramref name="key"/>.</summary>
    internal virtual Task<ImmutableArray<FixEdit>> PlanAsync(FixDocument document, Diagnostic diagnostic, string key) => PlanAsync(document, diagnostic);

    /// <summary>The plan of a fix that makes a single edit.</summary>
    internal static Task<ImmutableArray<FixEdit>> One(FixEdit? edit) =>
        Task.FromResult(edit is null ? ImmutableArray<FixEdit>.Empty : ImmutableArray.Create(edit));

    public sealed override FixAllProvider GetFixAllProvider() =>
        FixAllProvider.Create(async (context, document, diagnostics) =>
            await ApplyAsync(document, diagnostics, context.CodeActionEquivalenceKey ?? EquivalenceKey, context.CancellationToken).ConfigureAwait(false));

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var document = await FixDocument.CreateAsync(context.Document, context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            foreach (var key in ActionKeys)
            {
                if ((await OfferedPlanAsync(document, diagnostic, key).ConfigureAwait(false)).IsEmpty)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        Title(diagnostic, key),
                        cancellationToken => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), key, cancellationToken),
                        key),
                    diagnostic);
            }
        }
    }

    /// <summary>The plan, or none where Roslyn's syntax rewriters refuse a tree nested too deep to edit.</summary>
    private async Task<ImmutableArray<FixEdit>> OfferedPlanAsync(FixDocument document, Diagnostic diagnostic, string key)
    {
        try
        {
            return await PlanAsync(document, diagnostic, key).ConfigureAwait(false);
        }
        catch (InsufficientExecutionStackException)
        {
            return ImmutableArray<FixEdit>.Empty;
        }
    }

    private async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string key, CancellationToken cancellationToken)
    {
        try
        {
            return await ApplyEditsAsync(document, diagnostics, key, cancellationToken).ConfigureAwait(false);
        }
        catch (InsufficientExecutionStackException)
        {
            // Roslyn's syntax rewriters refuse trees nested thousands deep (a concatenation of thousands of terms):
            // such a document is left as it is rather than failing the whole Fix All.
            return document;
        }
    }

    private async Task<Document> ApplyEditsAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string key, CancellationToken cancellationToken)
    {
        var fixDocument = await FixDocument.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        // Several diagnostics may plan the same edit (every blocking call of one handler): each node is edited once.
        var edited = new HashSet<(SyntaxNode, string?)>();
        foreach (var diagnostic in diagnostics)
        {
            foreach (var edit in await PlanAsync(fixDocument, diagnostic, key).ConfigureAwait(false))
            {
                if (!edited.Add((edit.Target, edit.Key)))
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
