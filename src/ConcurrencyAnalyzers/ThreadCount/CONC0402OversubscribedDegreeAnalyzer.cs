using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Threading;
using ConcurrencyAnalyzers.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.ThreadCount;

/// <summary>
/// CONC0402: a degree of parallelism that allows more workers than cores (a constant above CONC0402.max_degree, a
/// multiple of Environment.ProcessorCount, or a collection's size) for delegates the cost model finds CPU-bound:
/// <c>ParallelOptions.MaxDegreeOfParallelism</c> handed to Parallel.*, <c>ExecutionDataflowBlockOptions.MaxDegreeOfParallelism</c>
/// handed to a dataflow block, and PLINQ's <c>WithDegreeOfParallelism</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CONC0402OversubscribedDegreeAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The largest constant degree that is not reported.</summary>
    public const string ThresholdOption = "CONC0402.max_degree";

    /// <summary>Default of <see cref="ThresholdOption"/> (see docs/rules/CONC0402.md for the measurement behind it).</summary>
    public const int DefaultThreshold = 16;

    /// <summary>
    /// A delegate counts as CPU-bound when it neither awaits nor blocks nor does I/O and the cost model estimates at
    /// least this many operations for one call (about a microsecond: a loop of a thousand steps, or a known heavy API).
    /// </summary>
    public const double MinBodyOperations = 1_000;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.CONC0402OversubscribedDegree);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var types = WellKnownTypes.Get(start.Compilation);
            if (types.Environment is null)
            {
                return;
            }

            if (types.ParallelOptions is not null || types.ExecutionDataflowBlockOptions is not null)
            {
                start.RegisterOperationAction(c => AnalyzeAssignment(c, types), OperationKind.SimpleAssignment);
            }

            if (types.ParallelEnumerable is not null)
            {
                start.RegisterOperationAction(c => AnalyzeQuery(c, types), OperationKind.Invocation);
            }
        });
    }

    /// <summary>The threshold set for the tree, or the default when unset or not a non-negative integer.</summary>
    public static int Threshold(AnalyzerOptions options, SyntaxTree tree) =>
        AnalyzerOptionReader.GetRaw(options, tree, ThresholdOption) is { } raw
        && int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : DefaultThreshold;

    /// <summary><c>MaxDegreeOfParallelism = x</c> on ParallelOptions or ExecutionDataflowBlockOptions.</summary>
    private static void AnalyzeAssignment(OperationAnalysisContext context, WellKnownTypes types)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Property.Name: "MaxDegreeOfParallelism" } target
            || !(WellKnownTypes.Derives(target.Property.ContainingType, types.ParallelOptions)
                 || WellKnownTypes.Derives(target.Property.ContainingType, types.ExecutionDataflowBlockOptions)
                 || WellKnownTypes.Derives(target.Instance?.Type, types.ExecutionDataflowBlockOptions))
            || DegreeOfParallelism.Oversubscription(assignment.Value, types, Threshold(context.Options, assignment.Syntax.SyntaxTree)) is not { } allowed)
        {
            return;
        }

        var consumers = new List<IOperation>();
        foreach (var consumer in Consumers(assignment, target, context.CancellationToken))
        {
            consumers.Add(consumer);
        }

        var bodies = new List<IOperation>();
        foreach (var consumer in consumers)
        {
            bodies.AddRange(DegreeOfParallelism.Delegates(consumer));
        }

        Report(context, assignment.Value, allowed, bodies, types);
    }

    /// <summary>PLINQ's <c>WithDegreeOfParallelism(x)</c>: the delegates of every operator of the same query.</summary>
    private static void AnalyzeQuery(OperationAnalysisContext context, WellKnownTypes types)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod.Name != "WithDegreeOfParallelism"
            || !WellKnownTypes.Eq(invocation.TargetMethod.ContainingType, types.ParallelEnumerable)
            || invocation.Arguments.Length != 2
            || DegreeOfParallelism.Oversubscription(invocation.Arguments[1].Value, types, Threshold(context.Options, invocation.Syntax.SyntaxTree)) is not { } allowed)
        {
            return;
        }

        var bodies = new List<IOperation>();
        // Down the receivers (the operators before it), then up the chain (the ones after it).
        for (IOperation? current = invocation.Receiver(); current?.WalkDownConversions() is IInvocationOperation earlier
             && WellKnownTypes.Eq(earlier.TargetMethod.ContainingType, types.ParallelEnumerable); current = earlier.Receiver())
        {
            bodies.AddRange(DegreeOfParallelism.Delegates(earlier));
        }

        IOperation top = invocation;
        while (true)
        {
            var parent = top.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            if (parent is not IArgumentOperation { Parameter.Ordinal: 0, Parent: IInvocationOperation later }
                || !WellKnownTypes.Eq(later.TargetMethod.ContainingType, types.ParallelEnumerable))
            {
                break;
            }

            bodies.AddRange(DegreeOfParallelism.Delegates(later));
            top = later;
        }

        Report(context, invocation.Arguments[1].Value, allowed, bodies, types);
    }

    private static void Report(OperationAnalysisContext context, IOperation value, string allowed, List<IOperation> bodies, WellKnownTypes types)
    {
        WorkEstimate? heaviest = null;
        foreach (var body in bodies)
        {
            var estimate = CostModel.Estimate(body, types, context.CancellationToken);
            if (estimate.IsCpuBound(MinBodyOperations) && (heaviest is null || estimate.Operations > heaviest.Operations))
            {
                heaviest = estimate;
            }
        }

        if (heaviest is null)
        {
            return;
        }

        var syntax = value.WalkDownConversions().Syntax;
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.CONC0402OversubscribedDegree,
            syntax.GetLocation(),
            syntax.ToString(),
            allowed,
            heaviest.Explain()));
    }

    /// <summary>
    /// The calls and creations the options object is handed to: the call it is created in as an argument, or every call
    /// of the same member that gets the local it is stored in.
    /// </summary>
    private static IEnumerable<IOperation> Consumers(ISimpleAssignmentOperation assignment, IPropertyReferenceOperation target, CancellationToken cancellationToken)
    {
        ILocalSymbol? local = null;
        if (target.Instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver })
        {
            // new ParallelOptions { MaxDegreeOfParallelism = x }
            IOperation? creation = assignment.Parent;
            while (creation is not null and not IObjectCreationOperation)
            {
                creation = creation is IObjectOrCollectionInitializerOperation ? creation.Parent : null;
            }

            if (creation is null)
            {
                yield break;
            }

            var use = creation;
            while (use.Parent is IConversionOperation)
            {
                use = use.Parent;
            }

            if (use.Parent is IArgumentOperation { Parent: { } consumer })
            {
                yield return consumer;
                yield break;
            }

            if (use.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
            {
                local = declarator.Symbol;
            }
        }
        else if (target.Instance?.WalkDownConversions() is ILocalReferenceOperation reference)
        {
            local = reference.Local;
        }

        if (local is null)
        {
            yield break;
        }

        IOperation top = assignment;
        while (top.Parent is not null)
        {
            top = top.Parent;
        }

        foreach (var operation in top.Descendants())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (operation is ILocalReferenceOperation use && SymbolEqualityComparer.Default.Equals(use.Local, local))
            {
                IOperation current = use;
                while (current.Parent is IConversionOperation)
                {
                    current = current.Parent;
                }

                if (current.Parent is IArgumentOperation { Parent: { } consumer })
                {
                    yield return consumer;
                }
            }
        }
    }
}
