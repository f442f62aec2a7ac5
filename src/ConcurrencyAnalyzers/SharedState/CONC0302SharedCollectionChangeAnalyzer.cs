using System.Collections.Generic;
using System.Collections.Immutable;
using ConcurrencyAnalyzers.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ConcurrencyAnalyzers.SharedState;

/// <summary>
/// CONC0302: a change to a shared List, Dictionary, HashSet or other non-concurrent collection (Add, Remove, a write
/// through the indexer) from code that runs on several threads at once, outside any lock; said as a check-then-act
/// when a ContainsKey/Contains/TryGetValue of the same collection guards it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CONC0302SharedCollectionChangeAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: "true" when the change is guarded by a check of the same collection.</summary>
    public const string CheckThenActProperty = "CheckThenAct";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.CONC0302SharedCollectionChange);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterForAsyncCode((start, types) =>
        {
            if (SharedCollections.Create(types) is not { } collections)
            {
                return;
            }

            var handlers = RequestHandlers.ForSharedState(start.Compilation, types);
            start.RegisterOperationAction(
                operationContext => Analyze(operationContext, types, collections, handlers),
                OperationKind.Invocation,
                OperationKind.SimpleAssignment,
                OperationKind.CompoundAssignment,
                OperationKind.Increment,
                OperationKind.Decrement);
        });
    }

    private static void Analyze(OperationAnalysisContext context, WellKnownTypes types, SharedCollections collections, RequestHandlers? handlers)
    {
        var operation = context.Operation;
        if (collections.ChangeOf(operation) is not { } change
            || ConcurrentContext.Of(operation, types, handlers, context.ContainingSymbol) is not { } concurrent
            || !SharedUpdate.IsShared(change.Collection, concurrent, types)
            || (change.IsIndexer && IsListSlot(change, concurrent))
            || SharedUpdate.IsProtected(operation, concurrent, types)
            || (concurrent.IsParallelInvoke && !SharedUpdate.IsTouchedByAnotherAction(change.Collection, concurrent)))
        {
            return;
        }

        var check = SharedCollections.CheckBefore(change, concurrent.Function);
        var how = check is not null
            ? $"checked with {check.TargetMethod.Name} and then changed with {(change.IsIndexer ? "its indexer" : change.Member)}"
            : change.IsIndexer ? "changed through its indexer" : $"changed with {change.Member}";
        var properties = check is null
            ? ImmutableDictionary<string, string?>.Empty
            : ImmutableDictionary<string, string?>.Empty.Add(CheckThenActProperty, "true");
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.CONC0302SharedCollectionChange,
            operation.Syntax.GetLocation(),
            check is null ? (IEnumerable<Location>?)null : new[] { check.Syntax.GetLocation() },
            properties,
            change.Collection.Syntax.ToString(),
            change.Collection.Type?.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
            concurrent.Description,
            how));
    }

    /// <summary>list[i] = x with i the Parallel.For index writes one slot per iteration and never resizes the list.</summary>
    private static bool IsListSlot(CollectionChange change, ConcurrentContext concurrent) =>
        change.Collection.Type is INamedTypeSymbol { Name: "List" } && SharedUpdate.IsLoopIndex(change.Indices, concurrent);
}
