using System.Collections.Concurrent;
using System.Collections.Immutable;
using ConcurrencyAnalyzers.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Blocking;

/// <summary>
/// CONC0104: a blocking call (task wait, Thread.Sleep, sync member with an async twin) in a synchronous request
/// handler, or in a synchronous helper of the compilation that the handler calls.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CONC0104BlockingInSyncHandlerAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.CONC0104BlockingInSyncHandler);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterForAsyncCode((start, _) =>
        {
            var handlers = RequestHandlers.Get(start.Compilation);
            if (!handlers.ReferencesAspNetCore && !ConfiguresHandlers(start.Compilation, start.Options))
            {
                return;
            }

            var state = new State(start.Compilation, handlers);
            start.RegisterOperationBlockStartAction(block =>
            {
                var proof = new CompletedTaskProof.Cache(block.CancellationToken);
                block.RegisterOperationAction(
                    operationContext => Analyze(operationContext, state, proof),
                    OperationKind.Invocation,
                    OperationKind.PropertyReference);
            });
        });
    }

    /// <summary>Handlers configured in .editorconfig count without ASP.NET Core (a framework of one's own).</summary>
    private static bool ConfiguresHandlers(Compilation compilation, AnalyzerOptions options)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (AnalyzerOptionReader.GetRaw(options, tree, RequestHandlers.HandlerAttributesOption) is not null
                || AnalyzerOptionReader.GetRaw(options, tree, RequestHandlers.HandlerBaseTypesOption) is not null)
            {
                return true;
            }
        }

        return false;
    }

    private static void Analyze(OperationAnalysisContext context, State state, CompletedTaskProof.Cache proof)
    {
        var operation = context.Operation;
        var function = EnclosingFunction.Of(operation, context.ContainingSymbol);
        if (function.IsAsync || state.HandlerName(function, context) is not { } handler)
        {
            return;
        }

        if (state.Catalog.Match(operation, function, context.Options, proof) is { } call)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.CONC0104BlockingInSyncHandler,
                call.Location,
                BlockingProperties.For(call.Kind.ToString()),
                $"'{call.Member}'",
                handler,
                call.Remedy));
            return;
        }

        // A synchronous helper of this compilation that blocks: reported where the handler calls it.
        // (A recursive call of the handler itself is no helper: its blocking calls are reported where they are.)
        if (operation is IInvocationOperation { TargetMethod: var helper } invocation
            && state.Summaries.IsHelperCandidate(helper)
            && !WellKnownTypes.Eq(helper.OriginalDefinition, function.Symbol?.OriginalDefinition)
            && state.Summaries.BlockingCallOf(helper, context.Options, context.CancellationToken) is { } inner)
        {
            var helperName = BlockingCatalog.MemberName(helper);
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.CONC0104BlockingInSyncHandler,
                DiagnosticLocations.MemberToEnd(invocation.Syntax),
                ImmutableArray.Create(inner.Location),
                BlockingProperties.For(BlockingProperties.Helper),
                $"'{helperName}' (which calls '{inner.Member}')",
                handler,
                $"give '{helperName}' an async form to await"));
        }
    }

    /// <summary>Per compilation: the handler detector, the catalog, the call summaries and the configured handlers per tree.</summary>
    private sealed class State
    {
        private readonly RequestHandlers _handlers;
        private readonly ConcurrentDictionary<SyntaxTree, ConfiguredHandlers> _configured = new();
        private readonly ConcurrentDictionary<IMethodSymbol, string?> _localFunctions = new(SymbolEqualityComparer.Default);

        public State(Compilation compilation, RequestHandlers handlers)
        {
            _handlers = handlers;
            Catalog = BlockingCatalog.Get(compilation);
            Summaries = BlockingSummaries.Get(compilation);
        }

        public BlockingCatalog Catalog { get; }

        public BlockingSummaries Summaries { get; }

        /// <summary>How messages name the handler the function is (quoted method name, or the registration); null when it is none.</summary>
        public string? HandlerName(EnclosingFunction function, OperationAnalysisContext context)
        {
            switch (function.Root)
            {
                case IAnonymousFunctionOperation lambda:
                    return RegistrationName(_handlers.RegistrationOf(lambda));
                case ILocalFunctionOperation local:
                    // Found by scanning the member for the registration: once per local function.
                    if (!_localFunctions.TryGetValue(local.Symbol, out var name))
                    {
                        name = RegistrationName(_handlers.RegistrationOf(local.Symbol, function.Root));
                        _localFunctions.TryAdd(local.Symbol, name);
                    }

                    return name;
                default:
                    if (function.Symbol is not { } method)
                    {
                        return null;
                    }

                    var tree = context.Operation.Syntax.SyntaxTree;
                    if (!_configured.TryGetValue(tree, out var configured))
                    {
                        configured = ConfiguredHandlers.Parse(
                            AnalyzerOptionReader.GetRaw(context.Options, tree, RequestHandlers.HandlerAttributesOption),
                            AnalyzerOptionReader.GetRaw(context.Options, tree, RequestHandlers.HandlerBaseTypesOption),
                            Catalog.Types);
                        _configured.TryAdd(tree, configured);
                    }

                    return _handlers.KindOf(method, configured) == RequestHandlerKind.None ? null : $"'{BlockingCatalog.MemberName(method)}'";
            }
        }

        private static string? RegistrationName(IInvocationOperation? registration) =>
            registration is null ? null : $"passed to '{registration.TargetMethod.Name}'";
    }
}
