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
                if (!block.OperationBlocks.IsEmpty
                    && state.MemberHandlerName(block.OwningSymbol, block.OperationBlocks[0].Syntax.SyntaxTree, block.Options) is { } memberHandler)
                {
                    block.RegisterOperationAction(
                        operationContext => AnalyzeInHandler(operationContext, memberHandler, state, proof),
                        OperationKind.Invocation,
                        OperationKind.PropertyReference);
                }
                else
                {
                    // Most members are no handler: only their lambdas and local functions can be (minimal APIs, inline
                    // middleware), so those are looked at, not every call.
                    block.RegisterOperationAction(
                        operationContext => AnalyzeNestedHandler(operationContext, state, proof),
                        OperationKind.AnonymousFunction,
                        OperationKind.LocalFunction);
                }
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

    /// <summary>A call or property read in a member that is a handler, or in a function nested in it.</summary>
    private static void AnalyzeInHandler(OperationAnalysisContext context, string memberHandler, State state, CompletedTaskProof.Cache proof)
    {
        var operation = context.Operation;
        var function = EnclosingFunction.Of(operation, context.ContainingSymbol);
        var handler = function.Root is IAnonymousFunctionOperation or ILocalFunctionOperation ? state.HandlerName(function) : memberHandler;
        if (!function.IsAsync && handler is not null)
        {
            Analyze(context, operation, function, handler, state, proof);
        }
    }

    /// <summary>A lambda or local function of a member that is no handler: its own calls, when it is registered as one.</summary>
    private static void AnalyzeNestedHandler(OperationAnalysisContext context, State state, CompletedTaskProof.Cache proof)
    {
        var function = context.Operation switch
        {
            IAnonymousFunctionOperation lambda => new EnclosingFunction(lambda.Symbol, lambda, context.ContainingSymbol),
            ILocalFunctionOperation local => new EnclosingFunction(local.Symbol, local, context.ContainingSymbol),
            _ => default,
        };
        if (function.Root is null || function.IsAsync || state.HandlerName(function) is not { } handler)
        {
            return;
        }

        // Nested functions are not walked: each is looked at on its own.
        FunctionWalker.ForEachOwnOperation(function.Root, context.CancellationToken, operation =>
        {
            if (operation is IInvocationOperation or IPropertyReferenceOperation)
            {
                Analyze(context, operation, function, handler, state, proof);
            }

            return true;
        });
    }

    private static void Analyze(OperationAnalysisContext context, IOperation operation, EnclosingFunction function, string handler, State state, CompletedTaskProof.Cache proof)
    {
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

        /// <summary>How messages name a member that is a handler (its quoted name); null when it is none.</summary>
        public string? MemberHandlerName(ISymbol member, SyntaxTree tree, AnalyzerOptions options)
        {
            if (member is not IMethodSymbol method)
            {
                return null;
            }

            if (!_configured.TryGetValue(tree, out var configured))
            {
                configured = ConfiguredHandlers.Parse(
                    AnalyzerOptionReader.GetRaw(options, tree, RequestHandlers.HandlerAttributesOption),
                    AnalyzerOptionReader.GetRaw(options, tree, RequestHandlers.HandlerBaseTypesOption),
                    Catalog.Types);
                _configured.TryAdd(tree, configured);
            }

            return _handlers.KindOf(method, configured) == RequestHandlerKind.None ? null : $"'{BlockingCatalog.MemberName(method)}'";
        }

        /// <summary>How messages name the handler a lambda or local function is (its registration); null when it is none.</summary>
        public string? HandlerName(EnclosingFunction function)
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
                    return null;
            }
        }

        private static string? RegistrationName(IInvocationOperation? registration) =>
            registration is null ? null : $"passed to '{registration.TargetMethod.Name}'";
    }
}
