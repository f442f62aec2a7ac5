using System.Collections.Concurrent;
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
    /// <summary>Extra members never to report, as documentation ids (T:Type, M:Type.Method), comma separated.</summary>
    public const string ExcludedSymbolsOption = "CONC0103.excluded_symbols";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.CONC0103UseAsyncTwin);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterForAsyncCode((start, types) =>
        {
            var finder = new AsyncTwinFinder(types);
            var exclusionsByOption = new ConcurrentDictionary<string, SymbolExclusions>();
            start.RegisterOperationAction(
                operationContext => Analyze(operationContext, finder, exclusionsByOption),
                OperationKind.Invocation);
        });
    }

    internal static SymbolExclusions ReadExclusions(
        AnalyzerOptions options,
        SyntaxTree tree,
        ConcurrentDictionary<string, SymbolExclusions>? cache = null)
    {
        var configured = AnalyzerOptionReader.GetRaw(options, tree, ExcludedSymbolsOption) ?? string.Empty;
        return cache is null
            ? SymbolExclusions.Parse(AsyncTwinFinder.BuiltInExclusions, configured)
            : cache.GetOrAdd(configured, value => SymbolExclusions.Parse(AsyncTwinFinder.BuiltInExclusions, value));
    }

    private static void Analyze(
        OperationAnalysisContext context,
        AsyncTwinFinder finder,
        ConcurrentDictionary<string, SymbolExclusions> exclusionsByOption)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var function = EnclosingFunction.Of(invocation, context.ContainingSymbol);
        if (!function.IsAsync)
        {
            return;
        }

        var exclusions = ReadExclusions(context.Options, invocation.Syntax.SyntaxTree, exclusionsByOption);
        if (finder.Find(invocation, function, exclusions) is not { } twin)
        {
            return;
        }

        var method = invocation.TargetMethod;
        var preferred = twin.Preferred;
        var properties = BlockingProperties.For(BlockingProperties.Twin).Add(BlockingProperties.TwinName, preferred.Name);
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.CONC0103UseAsyncTwin,
            DiagnosticLocations.MemberToEnd(invocation.Syntax),
            properties,
            Display(method.ReducedFrom ?? method),
            Display(preferred.ReducedFrom ?? preferred)));
    }

    private static string Display(IMethodSymbol method) =>
        method.ContainingType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + "." + method.Name;
}
