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

/// <summary>One of several fixes a rule offers, with its own stable equivalence key.</summary>
internal sealed class FixVariant
{
    public FixVariant(string equivalenceKey, string title)
    {
        EquivalenceKey = equivalenceKey;
        Title = title;
    }

    public string EquivalenceKey { get; }

    public string Title { get; }
}

/// <summary>
/// A fix that offers several variants (offload with Task.Run, or split with Parallel.For), each with its own
/// equivalence key so Fix All applies the one chosen. As in <see cref="BatchedCodeFix"/>, one planner serves the
/// single fix and Fix All: edits are planned on the original document and applied through one editor. Fix All with no
/// key (or an unknown one) applies the first variant, as <c>dotnet format</c> does.
/// </summary>
public abstract class VariantCodeFix : CodeFixProvider
{
    /// <summary>An edit whose <see cref="FixEdit.Replace"/> is this removes its target.</summary>
    internal static readonly System.Func<SyntaxNode, SyntaxNode> Remove = static node => node;

    /// <summary>The variants, the default (the one dotnet format applies) first.</summary>
    internal abstract ImmutableArray<FixVariant> Variants { get; }

    /// <summary>Plans one variant for one diagnostic: its edits, or none where it cannot be applied safely.</summary>
    internal abstract Task<ImmutableArray<FixEdit>> PlanAsync(FixDocument document, Diagnostic diagnostic, FixVariant variant);

    public sealed override FixAllProvider GetFixAllProvider() =>
        FixAllProvider.Create(async (context, document, diagnostics) =>
            await ApplyAsync(document, diagnostics, VariantOf(context.CodeActionEquivalenceKey), context.CancellationToken).ConfigureAwait(false));

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var document = await FixDocument.CreateAsync(context.Document, context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            foreach (var variant in Variants)
            {
                if ((await PlanAsync(document, diagnostic, variant).ConfigureAwait(false)).IsEmpty)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        variant.Title,
                        cancellationToken => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), variant, cancellationToken),
                        variant.EquivalenceKey),
                    diagnostic);
            }
        }
    }

    private FixVariant VariantOf(string? equivalenceKey)
    {
        foreach (var variant in Variants)
        {
            if (variant.EquivalenceKey == equivalenceKey)
            {
                return variant;
            }
        }

        return Variants[0];
    }

    private async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, FixVariant variant, CancellationToken cancellationToken)
    {
        var fixDocument = await FixDocument.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var edited = new HashSet<SyntaxNode>();
        foreach (var diagnostic in diagnostics)
        {
            foreach (var edit in await PlanAsync(fixDocument, diagnostic, variant).ConfigureAwait(false))
            {
                if (!edited.Add(edit.Target))
                {
                    continue;
                }

                if (ReferenceEquals(edit.Replace, Remove))
                {
                    editor.RemoveNode(edit.Target, SyntaxRemoveOptions.KeepNoTrivia);
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
