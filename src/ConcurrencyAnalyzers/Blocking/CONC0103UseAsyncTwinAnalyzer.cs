using System.Collections.Immutable;
using ConcurrencyAnalyzers.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Blocking;

/// <summary>CONC0103: a synchronous member with an awaitable twin (File.ReadAllText, Stream.Read...) in async code.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CONC0103UseAsyncTwinAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.CONC0103UseAsyncTwin);

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

        // The async check only walks up the operation's parents; the twin lookup may look up extension methods.
        var function = EnclosingFunction.Of(invocation, context.ContainingSymbol);
        if (!function.IsAsync || catalog.Twins.FindTwin(invocation) is null
            || catalog.MatchTwin(invocation, function, context.Options) is not { } call)
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.CONC0103UseAsyncTwin,
            call.Location,
            BlockingProperties.For(BlockingProperties.Twin).Add(BlockingProperties.TwinName, call.Twin!.Name),
            call.Member,
            BlockingCatalog.MemberName(call.Twin.ReducedFrom ?? call.Twin)));
    }
}
