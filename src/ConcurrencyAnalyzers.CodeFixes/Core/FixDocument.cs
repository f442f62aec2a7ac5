using System.Threading;
using System.Threading.Tasks;
using ConcurrencyAnalyzers.Core;
using Microsoft.CodeAnalysis;

namespace ConcurrencyAnalyzers.CodeFixes.Core;

/// <summary>The original document with what every planner needs: its tree, semantic model and well-known types.</summary>
internal sealed class FixDocument
{
    private bool? _configureAwaitFalse;

    private FixDocument(Document document, SyntaxNode root, SemanticModel model, CancellationToken cancellationToken)
    {
        Document = document;
        Root = root;
        Model = model;
        Types = WellKnownTypes.Get(model.Compilation);
        CancellationToken = cancellationToken;
    }

    public Document Document { get; }

    public SyntaxNode Root { get; }

    public SemanticModel Model { get; }

    public WellKnownTypes Types { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>Whether new awaits should carry <c>.ConfigureAwait(false)</c> like the file's existing ones.</summary>
    public bool ConfigureAwaitFalse => _configureAwaitFalse ??= AwaitSyntax.FileUsesConfigureAwaitFalse(Root);

    public static async Task<FixDocument> CreateAsync(Document document, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        return new FixDocument(document, root!, model!, cancellationToken);
    }
}
