using System.Collections.Immutable;
using ConcurrencyAnalyzers.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ConcurrencyAnalyzers.Blocking;

/// <summary>CONC0101: .Result, .Wait(), GetAwaiter().GetResult(), Task.WaitAll/WaitAny inside async code.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CONC0101SyncOverAsyncAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.CONC0101SyncOverAsync);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterForAsyncCode((start, types) =>
        {
            var catalog = BlockingCatalog.Get(start.Compilation);
            start.RegisterOperationBlockStartAction(block =>
            {
                // The completed-task evidence of a function is gathered once and shared by all its waits.
                var evidence = new CompletedTaskProof.Cache(block.CancellationToken);
                block.RegisterOperationAction(
                    operationContext => Analyze(operationContext, catalog, evidence),
                    OperationKind.PropertyReference,
                    OperationKind.Invocation);
            });
        });
    }

    private static void Analyze(OperationAnalysisContext context, BlockingCatalog catalog, CompletedTaskProof.Cache evidence)
    {
        if (TaskWait.Match(context.Operation, catalog.Types) is null)
        {
            return;
        }

        var function = EnclosingFunction.Of(context.Operation, context.ContainingSymbol);
        if (!function.IsAsync || catalog.MatchTaskWait(context.Operation, function, evidence) is not { } wait)
        {
            return;
        }

        var remedy = wait.WaitKind is TaskWaitKind.WaitAll or TaskWaitKind.WaitAny ? $"use '{wait.Remedy}'" : wait.Remedy;
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.CONC0101SyncOverAsync,
            wait.Location,
            BlockingProperties.For(wait.WaitKind.ToString()),
            wait.Member,
            remedy + " instead"));
    }
}
