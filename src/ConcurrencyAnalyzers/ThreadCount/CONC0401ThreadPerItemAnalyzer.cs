using System.Collections.Immutable;
using ConcurrencyAnalyzers.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.ThreadCount;

/// <summary>
/// CONC0401: a started <c>new Thread(...)</c>, or <c>Task.Factory.StartNew(..., TaskCreationOptions.LongRunning)</c>,
/// per iteration of a loop over data (or per element in a LINQ/List.ForEach delegate), whose delegate the cost model
/// finds CPU-bound.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CONC0401ThreadPerItemAnalyzer : DiagnosticAnalyzer
{
    /// <summary>A loop with a constant count up to this starts a fixed, small set of threads: not reported.</summary>
    public const int SmallConstantCount = 16;

    /// <summary>TaskCreationOptions.LongRunning.</summary>
    private const int LongRunning = 2;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.CONC0401ThreadPerItem);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var types = WellKnownTypes.Get(start.Compilation);
            if (types.Thread is not null)
            {
                start.RegisterOperationAction(c => AnalyzeThread(c, types), OperationKind.ObjectCreation);
            }

            if (types.TaskFactory is not null && types.TaskCreationOptions is not null)
            {
                start.RegisterOperationAction(c => AnalyzeStartNew(c, types), OperationKind.Invocation);
            }
        });
    }

    private static void AnalyzeThread(OperationAnalysisContext context, WellKnownTypes types)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (!WellKnownTypes.Eq(creation.Type, types.Thread)
            || creation.Arguments.Length == 0
            || !IsStarted(creation)
            || ThreadPerItem.Repetition(creation, types) is not { } repetition)
        {
            return;
        }

        Report(context, creation.Arguments[0].Value, creation.Syntax.GetLocation(), "'new Thread'", repetition, types);
    }

    private static void AnalyzeStartNew(OperationAnalysisContext context, WellKnownTypes types)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod.Name != "StartNew"
            || !(WellKnownTypes.Eq(invocation.TargetMethod.ContainingType, types.TaskFactory)
                 || WellKnownTypes.Eq(invocation.TargetMethod.ContainingType.OriginalDefinition, types.TaskFactoryOfT))
            || !IsLongRunning(invocation, types)
            || invocation.Arguments.Length == 0
            || ThreadPerItem.Repetition(invocation, types) is not { } repetition)
        {
            return;
        }

        var location = invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member }
            ? member.Name.GetLocation()
            : invocation.Syntax.GetLocation();
        Report(context, invocation.Arguments[0].Value, location, "'StartNew' with LongRunning (a dedicated thread)", repetition, types);
    }

    private static void Report(OperationAnalysisContext context, IOperation body, Location location, string what, string repetition, WellKnownTypes types)
    {
        if (body.WalkDownConversions() is not IDelegateCreationOperation)
        {
            return;
        }

        var estimate = CostModel.Estimate(body, types, context.CancellationToken);
        if (!estimate.IsCpuBound(CONC0402OversubscribedDegreeAnalyzer.MinBodyOperations))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(Descriptors.CONC0401ThreadPerItem, location, what, repetition, estimate.Explain()));
    }

    private static bool IsLongRunning(IInvocationOperation invocation, WellKnownTypes types)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (WellKnownTypes.Eq(argument.Value.Type, types.TaskCreationOptions)
                && argument.Value.ConstantValue is { HasValue: true, Value: int flags }
                && (flags & LongRunning) != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>new Thread(...).Start(), or a local holding the thread that is started in the same member.</summary>
    private static bool IsStarted(IObjectCreationOperation creation)
    {
        IOperation use = creation;
        while (use.Parent is IConversionOperation)
        {
            use = use.Parent;
        }

        if (use.Parent is IInvocationOperation { TargetMethod.Name: "Start" } direct && direct.Instance == use)
        {
            return true;
        }

        ISymbol? holder = use.Parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
            ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment when assignment.Value == use => local.Local,
            _ => null,
        };
        if (holder is null)
        {
            return false;
        }

        IOperation root = creation;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        foreach (var operation in root.Descendants())
        {
            if (operation is IInvocationOperation { TargetMethod.Name: "Start", Instance: ILocalReferenceOperation started }
                && SymbolEqualityComparer.Default.Equals(started.Local, holder))
            {
                return true;
            }
        }

        return false;
    }
}
