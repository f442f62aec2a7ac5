using System.Collections.Immutable;
using ConcurrencyAnalyzers.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.ThreadCount;

/// <summary>
/// CONC0405: <c>Task.Run</c> once per item (in a loop over data or a LINQ delegate) for a delegate the cost model finds
/// tiny: no await, no I/O, no call it cannot see into, and fewer than <see cref="TinyOperations"/> operations.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CONC0405TaskPerTinyItemAnalyzer : DiagnosticAnalyzer
{
    /// <summary>
    /// Below this many operations (about a microsecond of a core) a delegate costs less than queuing, running and
    /// completing a task for it (see docs/rules/CONC0405.md for the measurement).
    /// </summary>
    public const double TinyOperations = 1_000;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.CONC0405TaskPerTinyItem);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterForAsyncCode((start, types) => start.RegisterOperationAction(c => Analyze(c, types), OperationKind.Invocation));
    }

    private static void Analyze(OperationAnalysisContext context, WellKnownTypes types)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod is not { Name: "Run", IsStatic: true } method
            || !WellKnownTypes.Eq(method.ContainingType, types.Task)
            || invocation.Arguments.Length == 0
            || invocation.Arguments[0].Value.WalkDownConversions() is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } body
            || lambda.Symbol.IsAsync
            || CallsUnknownCode(lambda, types)
            || ThreadPerItem.Repetition(invocation, types) is not { } repetition)
        {
            return;
        }

        var estimate = CostModel.Estimate(body, types, context.CancellationToken);
        if (estimate.Awaits || estimate.DoesIoOrBlocks || estimate.Operations >= TinyOperations)
        {
            return;
        }

        var location = invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member }
            ? member.GetLocation()
            : invocation.Syntax.GetLocation();
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.CONC0405TaskPerTinyItem,
            location,
            repetition.Replace("one per", "a task per"),
            estimate.Operations < 10 ? "almost no work" : estimate.Explain()));
    }

    /// <summary>
    /// A call into code the cost model cannot estimate (a method outside this compilation, or any virtual, interface or
    /// delegate call) may be heavy: such bodies are never called tiny. Property and field reads are fine.
    /// </summary>
    private static bool CallsUnknownCode(IAnonymousFunctionOperation lambda, WellKnownTypes types)
    {
        foreach (var operation in lambda.Body.Descendants())
        {
            switch (operation)
            {
                case IInvocationOperation call:
                    var target = call.TargetMethod;
                    if (target.DeclaringSyntaxReferences.Length == 0 && !WellKnownTypes.Eq(target.ContainingType, types.Math))
                    {
                        return true;
                    }

                    if (target.IsVirtual || target.IsAbstract || target.IsOverride || call.Instance?.Type?.TypeKind == TypeKind.Interface)
                    {
                        return true;
                    }

                    break;
                case IObjectCreationOperation creation when creation.Constructor?.DeclaringSyntaxReferences.Length == 0 && creation.Arguments.Length > 0:
                    return true;
            }
        }

        return false;
    }
}
