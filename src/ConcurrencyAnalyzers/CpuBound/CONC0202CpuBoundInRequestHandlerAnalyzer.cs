using System;
using System.Collections.Immutable;
using System.Threading;
using ConcurrencyAnalyzers.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.CpuBound;

/// <summary>
/// CONC0202: a CPU-heavy loop or call (per the cost model) inline in an async request handler. Task.Run does not help
/// there (it moves the work to another pool thread), so the message points at Parallel.For for large independent
/// loops, a cheaper algorithm or a background queue.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CONC0202CpuBoundInRequestHandlerAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.CONC0202CpuBoundInRequestHandler);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterForAsyncCode((start, types) =>
        {
            var finder = new CpuBoundWorkFinder(types, RequestHandlers.Get(start.Compilation));
            TypeEndAsyncFunctions.Register(start, (functions, report, cancellationToken) => Analyze(functions, report, finder, cancellationToken));
        });
    }

    private static void Analyze(ImmutableStack<PendingAsyncFunction> functions, Action<Diagnostic> report, CpuBoundWorkFinder finder, CancellationToken cancellationToken)
    {
        finder.Find(functions, CpuBoundSite.RequestHandler, finding =>
        {
            var parallel = finding.Operation is IForEachLoopOperation ? "Parallel.ForEach" : "Parallel.For";
            report(Diagnostic.Create(
                Descriptors.CONC0202CpuBoundInRequestHandler,
                finding.Location,
                CpuBoundProperties.For(finding),
                finding.What,
                finding.Function,
                finding.Estimate.Explain(),
                finding.Parallelizable
                    ? $"split it with '{parallel}' if it is large, use a cheaper algorithm, or move it to a background queue (Task.Run only moves it to another pool thread)"
                    : "use a cheaper algorithm or cache the result, or move it to a background queue (Task.Run only moves it to another pool thread)"));
        }, cancellationToken);
    }
}
