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
            var exclusionsByTree = new ConcurrentDictionary<SyntaxTree, SymbolExclusions>();
            var exclusionsByValue = new ConcurrentDictionary<string, SymbolExclusions>();
            start.RegisterOperationAction(
                operationContext => Analyze(operationContext, finder, exclusionsByTree, exclusionsByValue),
                OperationKind.Invocation);
        });
    }

    /// <summary>The built-in exclusions plus those configured for <paramref name="tree"/>.</summary>
    internal static SymbolExclusions ReadExclusions(AnalyzerOptions options, SyntaxTree tree) =>
        SymbolExclusions.Parse(AsyncTwinFinder.BuiltInExclusions, AnalyzerOptionReader.GetRaw(options, tree, ExcludedSymbolsOption));

    private static void Analyze(
        OperationAnalysisContext context,
        AsyncTwinFinder finder,
        ConcurrentDictionary<SyntaxTree, SymbolExclusions> exclusionsByTree,
        ConcurrentDictionary<string, SymbolExclusions> exclusionsByValue)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (finder.FindTwin(invocation) is not { } twin)
        {
            return;
        }

        var function = EnclosingFunction.Of(invocation, context.ContainingSymbol);
        if (!function.IsAsync)
        {
            return;
        }

        var tree = invocation.Syntax.SyntaxTree;
        if (!exclusionsByTree.TryGetValue(tree, out var exclusions))
        {
            // Files that share a configured value share one set (and its symbol caches).
            var configured = AnalyzerOptionReader.GetRaw(context.Options, tree, ExcludedSymbolsOption) ?? string.Empty;
            exclusions = exclusionsByValue.GetOrAdd(configured, value => SymbolExclusions.Parse(AsyncTwinFinder.BuiltInExclusions, value));
            exclusionsByTree.TryAdd(tree, exclusions);
        }

        if (!finder.IsWorthSuggesting(invocation, twin, function, exclusions))
        {
            return;
        }

        var preferred = twin.Preferred;
        var properties = BlockingProperties.For(BlockingProperties.Twin).Add(BlockingProperties.TwinName, preferred.Name);
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.CONC0103UseAsyncTwin,
            DiagnosticLocations.MemberToEnd(invocation.Syntax),
            properties,
            Display(invocation.TargetMethod),
            Display(preferred.ReducedFrom ?? preferred)));
    }

    private static string Display(IMethodSymbol method) =>
        method.ContainingType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + "." + method.Name;
}
