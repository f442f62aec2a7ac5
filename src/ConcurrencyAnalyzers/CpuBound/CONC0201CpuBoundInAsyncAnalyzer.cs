using System;
using System.Collections.Immutable;
using System.Threading;
using ConcurrencyAnalyzers.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.CpuBound;

/// <summary>
/// CONC0201: a CPU-heavy loop or call (per the cost model) inline in an async method, async lambda or async local
/// function that is not a request handler (CONC0202 reports those) and not already handed to Task.Run or Parallel.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CONC0201CpuBoundInAsyncAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.CONC0201CpuBoundInAsync);

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
        finder.Find(functions, CpuBoundSite.AsyncCode, finding =>
        {
            var parallel = finding.Parallelizable ? (finding.Operation is IForEachLoopOperation ? "Parallel.ForEach" : "Parallel.For") : null;
            report(Diagnostic.Create(
                Descriptors.CONC0201CpuBoundInAsync,
                finding.Location,
                CpuBoundProperties.For(finding),
                finding.What,
                finding.Function,
                finding.Estimate.Explain(),
                finding.BeforeFirstAwait ? "before its first await, on the caller's thread" : "after an await, on the thread that resumes the method",
                parallel is null
                    ? "offload it with 'await Task.Run(...)'"
                    : $"offload it with 'await Task.Run(...)', or split it with '{parallel}' inside it"));
        }, cancellationToken);
    }
}
