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
        context.RegisterForAsyncCode((start, types) =>
        {
            if (types.Thread is { } thread)
            {
                start.RegisterOperationAction(operationContext => Analyze(operationContext, thread, types), OperationKind.Invocation);
            }
        });
    }

    private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol thread, WellKnownTypes types)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (method.Name != "Sleep" || !method.IsStatic || !WellKnownTypes.Eq(method.ContainingType, thread))
        {
            return;
        }

        // Thread.Sleep(0) and Sleep(TimeSpan.Zero) give up the rest of the time slice; they do not wait.
        if (invocation.Arguments.Length == 1 && types.IsZeroTimeout(invocation.Arguments[0].Value))
        {
            return;
        }

        if (!EnclosingFunction.Of(invocation, context.ContainingSymbol).IsAsync)
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.CONC0102ThreadSleepInAsync,
            DiagnosticLocations.MemberToEnd(invocation.Syntax),
            BlockingProperties.For(BlockingProperties.Sleep)));
    }
}
