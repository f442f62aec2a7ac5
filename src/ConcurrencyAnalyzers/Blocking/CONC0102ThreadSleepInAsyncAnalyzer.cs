using System.Collections.Immutable;
using ConcurrencyAnalyzers.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Blocking;

/// <summary>CONC0102: Thread.Sleep inside async code.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CONC0102ThreadSleepInAsyncAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.CONC0102ThreadSleepInAsync);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterForAsyncCode((start, _) =>
        {
            var catalog = BlockingCatalog.Get(start.Compilation);
            start.RegisterOperationAction(operationContext => Analyze(operationContext, catalog), OperationKind.Invocation);
        });
    }

    private static void Analyze(OperationAnalysisContext context, BlockingCatalog catalog)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (catalog.MatchSleep(invocation) is not { } sleep || !EnclosingFunction.Of(invocation, context.ContainingSymbol).IsAsync)
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.CONC0102ThreadSleepInAsync,
            sleep.Location,
            BlockingProperties.For(BlockingProperties.Sleep)));
    }
}
