using System.Collections.Immutable;
using ConcurrencyAnalyzers.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ConcurrencyAnalyzers.SharedState;

/// <summary>
/// CONC0301: a read-modify-write of storage shared by concurrent invocations (a Parallel.For body, a PLINQ
/// delegate, work started repeatedly with Task.Run or new Thread, a periodic timer callback, a request handler),
/// outside any lock.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CONC0301UnsynchronizedUpdateAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.CONC0301UnsynchronizedUpdate);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterForAsyncCode((start, types) =>
        {
            var handlers = RequestHandlers.ForSharedState(start.Compilation, types);
            start.RegisterOperationAction(
                operationContext => Analyze(operationContext, types, handlers),
                OperationKind.Increment,
                OperationKind.Decrement,
                OperationKind.CompoundAssignment,
                OperationKind.SimpleAssignment);
        });
    }

    private static void Analyze(OperationAnalysisContext context, WellKnownTypes types, RequestHandlers? handlers)
    {
        var operation = context.Operation;
        if (SharedUpdate.TargetOf(operation, types) is not { } target
            || SharedUpdate.RacingContext(operation, target, types, handlers, context.ContainingSymbol) is not { } concurrent)
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.CONC0301UnsynchronizedUpdate,
            operation.Syntax.GetLocation(),
            target.Syntax.ToString(),
            concurrent.Description));
    }
}
