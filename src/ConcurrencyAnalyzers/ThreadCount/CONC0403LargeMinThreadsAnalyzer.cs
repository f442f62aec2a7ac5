using System.Collections.Immutable;
using System.Globalization;
using ConcurrencyAnalyzers.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.ThreadCount;

/// <summary>
/// CONC0403: ThreadPool.SetMinThreads with a constant worker count above a threshold (CONC0403.max_min_threads). The
/// pool then creates that many threads without its usual injection delay, whatever the machine's cores.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CONC0403LargeMinThreadsAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The largest constant minimum that is not reported.</summary>
    public const string ThresholdOption = "CONC0403.max_min_threads";

    /// <summary>
    /// Default of <see cref="ThresholdOption"/>: 16 keeps constants that fit the cores of most developer machines and
    /// small servers quiet; the bench's cost appears well above it (see docs/rules/CONC0403.md).
    /// </summary>
    public const int DefaultThreshold = 16;

    /// <summary>Diagnostic property: "true" when the completion-port argument is a large constant too (the fix replaces both).</summary>
    public const string CompletionPortProperty = "CompletionPort";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.CONC0403LargeMinThreads);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var types = WellKnownTypes.Get(start.Compilation);
            if (types.ThreadPool is not null)
            {
                start.RegisterOperationAction(operationContext => Analyze(operationContext, types), OperationKind.Invocation);
            }
        });
    }

    /// <summary>The threshold set for the tree, or the default when unset or not a non-negative integer.</summary>
    public static int Threshold(AnalyzerOptions options, SyntaxTree tree) =>
        AnalyzerOptionReader.GetRaw(options, tree, ThresholdOption) is { } raw
        && int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : DefaultThreshold;

    private static void Analyze(OperationAnalysisContext context, WellKnownTypes types)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod is not { Name: "SetMinThreads", IsStatic: true } method
            || !WellKnownTypes.Eq(method.ContainingType, types.ThreadPool)
            || Argument(invocation, 0) is not { } workers
            || ConstantCount(workers) is not { } count)
        {
            return;
        }

        var threshold = Threshold(context.Options, invocation.Syntax.SyntaxTree);
        if (count <= threshold)
        {
            return;
        }

        var completionPort = Argument(invocation, 1) is { } ports && ConstantCount(ports) > threshold;
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.CONC0403LargeMinThreads,
            workers.Value.Syntax.GetLocation(),
            ImmutableDictionary<string, string?>.Empty.Add(CompletionPortProperty, completionPort ? "true" : "false"),
            count.ToString(CultureInfo.InvariantCulture)));
    }

    private static IArgumentOperation? Argument(IInvocationOperation invocation, int ordinal)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal == ordinal)
            {
                return argument;
            }
        }

        return null;
    }

    private static int? ConstantCount(IArgumentOperation argument) =>
        argument.Value.ConstantValue is { HasValue: true, Value: int value } ? value : null;
}
