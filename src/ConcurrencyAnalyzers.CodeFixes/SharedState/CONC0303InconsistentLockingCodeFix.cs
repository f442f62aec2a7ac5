using System.Collections.Immutable;
using System.Linq;
using System.Composition;
using System.Threading.Tasks;
using ConcurrencyAnalyzers.CodeFixes.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConcurrencyAnalyzers.CodeFixes.SharedState;

/// <summary>
/// CONC0303: <c>lock (gate) { update; }</c> with the lock object of the lock statement where the field is accessed
/// elsewhere (the diagnostic's additional location), when that object is a field the update can reach.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CONC0303InconsistentLockingCodeFix))]
[Shared]
public sealed class CONC0303InconsistentLockingCodeFix : BatchedCodeFix
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.InconsistentLocking);

    protected override string EquivalenceKey => DiagnosticIds.InconsistentLocking;

    protected override string Title(Diagnostic diagnostic) => "Take the same lock around the update";

    internal override Task<ImmutableArray<FixEdit>> PlanAsync(FixDocument document, Diagnostic diagnostic)
    {
        var empty = Task.FromResult(ImmutableArray<FixEdit>.Empty);
        var node = document.Root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        while (node is not null && node.Span == diagnostic.Location.SourceSpan && node is not ExpressionSyntax)
        {
            node = node.Parent;
        }

        if (node is not ExpressionSyntax update
            || diagnostic.AdditionalLocations.Count == 0
            || diagnostic.AdditionalLocations[0].SourceTree is not { } lockedTree
            || Gate(document, lockedTree, diagnostic.AdditionalLocations[0]) is not { } gate)
        {
            return empty;
        }

        var isStatic = document.Model.GetSymbolInfo(Target(update), document.CancellationToken).Symbol is IFieldSymbol { IsStatic: true };
        return Task.FromResult(LockRegion.Plan(document, update, isStatic, gate: gate));
    }

    /// <summary>The field locked by the innermost lock statement around the locked access.</summary>
    private static IFieldSymbol? Gate(FixDocument document, SyntaxTree tree, Location locked)
    {
        // The diagnostic may come from another compilation of the same code: find its tree here by path.
        var compilation = document.Model.Compilation;
        tree = tree.FilePath == document.Root.SyntaxTree.FilePath
            ? document.Root.SyntaxTree
            : compilation.SyntaxTrees.FirstOrDefault(t => t.FilePath == tree.FilePath)!;
        if (tree is null)
        {
            return null;
        }

        var root = tree.GetRoot(document.CancellationToken);
        if (!root.FullSpan.Contains(locked.SourceSpan))
        {
            return null;
        }

        var model = tree == document.Root.SyntaxTree ? document.Model : compilation.GetSemanticModel(tree);
        var access = root.FindNode(locked.SourceSpan, getInnermostNodeForTie: true);
        return access.FirstAncestorOrSelf<LockStatementSyntax>() is { Expression: var expression }
            && model.GetSymbolInfo(expression, document.CancellationToken).Symbol is IFieldSymbol gate
            ? gate
            : null;
    }

    private static ExpressionSyntax Target(ExpressionSyntax update) => update switch
    {
        PostfixUnaryExpressionSyntax postfix => postfix.Operand,
        PrefixUnaryExpressionSyntax prefix => prefix.Operand,
        AssignmentExpressionSyntax assignment => assignment.Left,
        _ => update,
    };
}
