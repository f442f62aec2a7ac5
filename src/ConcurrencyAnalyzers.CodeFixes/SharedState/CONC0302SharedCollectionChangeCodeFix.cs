using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using ConcurrencyAnalyzers.CodeFixes.Core;
using ConcurrencyAnalyzers.Core;
using ConcurrencyAnalyzers.SharedState;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.CodeFixes.SharedState;

/// <summary>
/// CONC0302: a lock around the change (the whole if of a check-then-act), by default; and, for
/// <c>if (!d.ContainsKey(k)) d.Add(k, v);</c> on a private Dictionary field that every use lets change type, a
/// ConcurrentDictionary with <c>TryAdd</c>/<c>GetOrAdd</c> (<see cref="ConcurrentDictionaryRewrite"/>).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CONC0302SharedCollectionChangeCodeFix))]
[Shared]
public sealed class CONC0302SharedCollectionChangeCodeFix : BatchedCodeFix
{
    /// <summary>The ConcurrentDictionary action.</summary>
    public const string ConcurrentDictionaryKey = DiagnosticIds.SharedCollectionChange + ".ConcurrentDictionary";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.SharedCollectionChange);

    protected override string EquivalenceKey => DiagnosticIds.SharedCollectionChange;

    protected override ImmutableArray<string> ActionKeys { get; } = ImmutableArray.Create(DiagnosticIds.SharedCollectionChange, ConcurrentDictionaryKey);

    protected override string Title(Diagnostic diagnostic) => diagnostic.Properties.ContainsKey(CONC0302SharedCollectionChangeAnalyzer.CheckThenActProperty)
        ? "Take a lock around the check and the change"
        : "Take a lock around the change";

    protected override string Title(Diagnostic diagnostic, string key) =>
        key == ConcurrentDictionaryKey ? "Make it a ConcurrentDictionary (TryAdd/GetOrAdd)" : Title(diagnostic);

    internal override Task<ImmutableArray<FixEdit>> PlanAsync(FixDocument document, Diagnostic diagnostic) =>
        PlanAsync(document, diagnostic, EquivalenceKey);

    internal override Task<ImmutableArray<FixEdit>> PlanAsync(FixDocument document, Diagnostic diagnostic, string key)
    {
        var empty = Task.FromResult(ImmutableArray<FixEdit>.Empty);
        if (Change(document, diagnostic) is not { } change)
        {
            return empty;
        }

        var collection = change.Operation switch
        {
            IInvocationOperation { Instance: { } instance } => instance,
            IAssignmentOperation { Target: IPropertyReferenceOperation { Instance: { } instance } } => instance,
            IIncrementOrDecrementOperation { Target: IPropertyReferenceOperation { Instance: { } instance } } => instance,
            _ => null,
        };
        if (collection is null)
        {
            return empty;
        }

        if (key == ConcurrentDictionaryKey)
        {
            return Task.FromResult(ConcurrentDictionaryRewrite.Plan(document, collection));
        }

        var isStatic = collection.WalkDownConversions() is IFieldReferenceOperation { Field.IsStatic: true };
        var statement = diagnostic.Properties.ContainsKey(CONC0302SharedCollectionChangeAnalyzer.CheckThenActProperty)
            ? CheckStatement(change.Operation, diagnostic)
            : null;
        if (diagnostic.Properties.ContainsKey(CONC0302SharedCollectionChangeAnalyzer.CheckThenActProperty) && statement is null)
        {
            return empty;
        }

        return Task.FromResult(LockRegion.Plan(document, change.Expression, isStatic, statement));
    }

    /// <summary>The flagged change: its expression and operation.</summary>
    private static (ExpressionSyntax Expression, IOperation Operation)? Change(FixDocument document, Diagnostic diagnostic)
    {
        var node = document.Root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        while (node is not null && node.Span == diagnostic.Location.SourceSpan && node is not ExpressionSyntax)
        {
            node = node.Parent;
        }

        return node is ExpressionSyntax expression && document.Model.GetOperation(expression, document.CancellationToken) is { } operation
            ? (expression, operation)
            : null;
    }

    /// <summary>The if statement whose condition holds the check (the diagnostic's additional location).</summary>
    private static StatementSyntax? CheckStatement(IOperation change, Diagnostic diagnostic)
    {
        if (diagnostic.AdditionalLocations.Count == 0)
        {
            return null;
        }

        var check = diagnostic.AdditionalLocations[0].SourceSpan;
        for (var parent = change.Syntax.Parent; parent is not null and not AnonymousFunctionExpressionSyntax; parent = parent.Parent)
        {
            if (parent is IfStatementSyntax { Condition: var condition } ifStatement && condition.Span.Contains(check))
            {
                return ifStatement;
            }
        }

        return null;
    }
}
