using System.Collections.Immutable;
using ConcurrencyAnalyzers.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

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
        context.RegisterForAsyncCode((start, types) => start.RegisterOperationBlockStartAction(block =>
        {
            // The completed-task evidence of a function is gathered once and shared by all its waits.
            var evidence = new CompletedTaskProof.Cache();
            block.RegisterOperationAction(
                operationContext => Analyze(operationContext, types, evidence),
                OperationKind.PropertyReference,
                OperationKind.Invocation);
        }));
    }

    private static void Analyze(OperationAnalysisContext context, WellKnownTypes types, CompletedTaskProof.Cache evidence)
    {
        if (TaskWait.Match(context.Operation, types) is not { } wait || IsInNameOf(context.Operation))
        {
            return;
        }

        var function = EnclosingFunction.Of(context.Operation, context.ContainingSymbol);
        if (!function.IsAsync)
        {
            return;
        }

        if (wait.Task is { } task && CompletedTaskProof.IsProvenComplete(task, function, types, evidence))
        {
            return;
        }

        var syntax = context.Operation.Syntax;
        var location = wait.Kind == TaskWaitKind.GetResult && context.Operation is IInvocationOperation { Instance: { } awaiter }
            ? DiagnosticLocations.MemberToEnd(syntax, awaiter.WalkDownConversions().Syntax)
            : DiagnosticLocations.MemberToEnd(syntax);
        var properties = BlockingProperties.For(wait.Kind.ToString());
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.CONC0101SyncOverAsync,
            location,
            properties,
            MemberName(wait.Member),
            Remedy(wait.Kind)));
    }

    /// <summary>nameof(t.Result) runs nothing.</summary>
    private static bool IsInNameOf(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is INameOfOperation)
            {
                return true;
            }
        }

        return false;
    }

    private static string MemberName(ISymbol member) =>
        member.ContainingType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + "." + member.Name;

    private static string Remedy(TaskWaitKind kind) => kind switch
    {
        TaskWaitKind.WaitAll => "use 'await Task.WhenAll' instead",
        TaskWaitKind.WaitAny => "use 'await Task.WhenAny' instead",
        _ => "await the task instead",
    };
}
