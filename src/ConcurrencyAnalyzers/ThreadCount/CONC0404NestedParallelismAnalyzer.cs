using System.Collections.Immutable;
using ConcurrencyAnalyzers.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace ConcurrencyAnalyzers.ThreadCount;

/// <summary>
/// CONC0404: Parallel.For, Parallel.ForEach or a PLINQ query (AsParallel) directly inside the body of a Parallel.For or
/// Parallel.ForEach loop or a PLINQ delegate.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CONC0404NestedParallelismAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.CONC0404NestedParallelism);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var types = WellKnownTypes.Get(start.Compilation);
            if (types.Parallel is not null || types.ParallelEnumerable is not null)
            {
                start.RegisterOperationAction(operationContext => Analyze(operationContext, types), OperationKind.Invocation);
            }
        });
    }

    private static void Analyze(OperationAnalysisContext context, WellKnownTypes types)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (NestedParallelism.InnerLoopName(invocation, types) is not { } name
            || NestedParallelism.OuterLoop(invocation, types) is not { } outer)
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.CONC0404NestedParallelism,
            Location(invocation),
            name,
            outer.Description));
    }

    /// <summary>
    /// <c>Parallel.For</c> (not its arguments, nor a namespace before it), or <c>AsParallel()</c> in <c>rows.AsParallel()</c>.
    /// </summary>
    private static Location Location(IInvocationOperation invocation)
    {
        if (invocation.TargetMethod.Name == "AsParallel" || invocation.Syntax is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax memberAccess })
        {
            return DiagnosticLocations.MemberToEnd(invocation.Syntax);
        }

        var start = memberAccess.Expression is MemberAccessExpressionSyntax qualified ? qualified.Name.SpanStart : memberAccess.SpanStart;
        return Microsoft.CodeAnalysis.Location.Create(memberAccess.SyntaxTree, TextSpan.FromBounds(start, memberAccess.Span.End));
    }
}
