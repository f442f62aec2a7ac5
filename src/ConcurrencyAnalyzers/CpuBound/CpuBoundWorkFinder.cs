using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Threading;
using ConcurrencyAnalyzers.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace ConcurrencyAnalyzers.CpuBound;

/// <summary>
/// The policy shared by CONC0201 and CONC0202: walks an operation block top-down, tracks which functions are async
/// (and not already handed to Task.Run or Parallel), and reports the outermost CPU-bound loop, or the innermost
/// CPU-bound call, of each async function, per the cost model.
/// </summary>
internal sealed partial class CpuBoundWorkFinder
{
    public const string KindProperty = "Kind";
    public const string LoopKind = "Loop";
    public const string CallKind = "Call";
    public const string ParallelProperty = "Parallel";

    private readonly WellKnownTypes _types;
    private readonly RequestHandlers? _handlers;
    private readonly ConcurrentDictionary<SyntaxTree, ConfiguredHandlers> _configured = new();
    private readonly ConcurrentDictionary<SyntaxTree, double> _thresholds = new();

    public CpuBoundWorkFinder(WellKnownTypes types, RequestHandlers? handlers)
    {
        _types = types;
        _handlers = handlers;
    }

    /// <summary>Reads <c>{id}.min_operations</c>: a positive number of estimated operations; anything else gives the default.</summary>
    public double Threshold(AnalyzerOptions options, SyntaxTree tree, string id)
    {
        if (_thresholds.TryGetValue(tree, out var threshold))
        {
            return threshold;
        }

        var raw = AnalyzerOptionReader.GetRaw(options, tree, id + ".min_operations");
        threshold = raw is not null
            && double.TryParse(raw.Replace("_", string.Empty), NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var parsed)
            && parsed >= 1 && !double.IsInfinity(parsed)
                ? parsed
                : CostModel.DefaultThreshold;
        _thresholds.TryAdd(tree, threshold);
        return threshold;
    }

    /// <summary>
    /// Reports every finding of the async functions (those of one type) at <paramref name="site"/>, against the
    /// threshold its rule's <c>min_operations</c> option sets. Functions nested in one are pending on their own, so
    /// they are not walked inside it. One walk serves all of them: its walkers and their kept estimates are made once.
    /// </summary>
    public void Find(ImmutableStack<PendingAsyncFunction> functions, CpuBoundSite site, Action<CpuBoundFinding> report, CancellationToken cancellationToken)
    {
        var rule = site == CpuBoundSite.RequestHandler ? DiagnosticIds.CpuBoundInRequestHandler : DiagnosticIds.CpuBoundInAsync;
        BlockWalk? walk = null;
        foreach (var pending in functions)
        {
            foreach (var block in pending.Blocks)
            {
                var (body, function) = block switch
                {
                    IAnonymousFunctionOperation lambda => (lambda.Body, FunctionOf(lambda, site)),
                    ILocalFunctionOperation local => (local.Body, FunctionOf(local, site)),
                    _ => (block, FunctionOf(pending.OwningSymbol as IMethodSymbol, block, site, pending.Options)),
                };

                if (body is not null && function.WalkedAs == site)
                {
                    walk ??= new BlockWalk(this, site, report, block.SemanticModel?.Compilation, cancellationToken);
                    walk.VisitFunction(body, function, Threshold(pending.Options, block.Syntax.SyntaxTree, rule));
                }
            }
        }
    }

    /// <summary>A loop of an iterator that yields: each iteration runs when the consumer asks for the next item.</summary>
    private static bool Yields(ILoopOperation loop, CancellationToken cancellationToken) =>
        !FunctionWalker.ForEachOwnOperation(loop, cancellationToken, operation => operation is not IReturnOperation { Kind: OperationKind.YieldReturn });

    /// <summary>A LINQ operator that only builds a deferred sequence, and is the source of another LINQ call.</summary>
    private bool IsDeferredLinqReceiver(IInvocationOperation invocation)
    {
        if (!WellKnownTypes.Eq(invocation.TargetMethod.ContainingType, _types.Enumerable) || !IsDeferredSequence(invocation.Type))
        {
            return false;
        }

        IOperation current = invocation;
        while (current.Parent is IConversionOperation)
        {
            current = current.Parent;
        }

        return current.Parent is IArgumentOperation { Parent: IInvocationOperation outer } argument
            && outer.TargetMethod.IsExtensionMethod
            && outer.Arguments.Length > 0
            && outer.Arguments[0] == argument;
    }

    /// <summary>IEnumerable&lt;T&gt; and IOrderedEnumerable&lt;T&gt;: sequences whose work runs when enumerated.</summary>
    internal static bool IsDeferredSequence(ITypeSymbol? type) =>
        type is INamedTypeSymbol { IsGenericType: true } named
        && (named.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T || named.Name == "IOrderedEnumerable");

    private AsyncFunction FunctionOf(IMethodSymbol? method, IOperation block, CpuBoundSite site, AnalyzerOptions options)
    {
        if (method is null || !method.IsAsync || IsEntryPoint(method))
        {
            return AsyncFunction.NotAsync;
        }

        // Telling a request handler apart reads the method's type, attributes and options: CONC0201 walks every async
        // method as async code and asks only when it finds something; CONC0202 walks request handlers only, so it asks first.
        var handlers = _handlers;
        CpuBoundSite SiteOf() =>
            handlers is not null && handlers.KindOf(method, Configured(block.Syntax.SyntaxTree, options)) != RequestHandlerKind.None
                ? CpuBoundSite.RequestHandler
                : CpuBoundSite.AsyncCode;
        string NameOf() => $"'{BlockingCatalog.MemberName(method)}'";
        return site == CpuBoundSite.AsyncCode
            ? new AsyncFunction(site, block, SiteOf, NameOf)
            : AsyncFunction.Known(SiteOf(), block, NameOf);
    }

    private AsyncFunction FunctionOf(IAnonymousFunctionOperation lambda, CpuBoundSite site)
    {
        if (!lambda.Symbol.IsAsync)
        {
            return AsyncFunction.NotAsync;
        }

        var registration = RegistrationOf(lambda);
        if (registration is not null && IsOffloading(registration.TargetMethod))
        {
            return AsyncFunction.NotAsync;
        }

        var handler = _handlers?.RegistrationOf(lambda);
        return AsyncFunction.Known(
            handler is null ? CpuBoundSite.AsyncCode : CpuBoundSite.RequestHandler,
            lambda,
            () => handler is not null ? $"passed to '{handler.TargetMethod.Name}'"
                : registration is null ? "an async lambda"
                : $"the async lambda passed to '{registration.TargetMethod.Name}'");
    }

    private AsyncFunction FunctionOf(ILocalFunctionOperation local, CpuBoundSite site)
    {
        if (!local.Symbol.IsAsync)
        {
            return AsyncFunction.NotAsync;
        }

        // Finding a local function's registration searches the whole member: CONC0201 walks the function as async
        // code and searches only when it finds something there; CONC0202 walks request handlers only, so it searches first.
        var handlers = _handlers;
        IInvocationOperation? handler = null;
        var searched = false;
        IInvocationOperation? Handler()
        {
            if (!searched)
            {
                handler = handlers?.RegistrationOf(local.Symbol, local);
                searched = true;
            }

            return handler;
        }

        CpuBoundSite SiteOf() => Handler() is null ? CpuBoundSite.AsyncCode : CpuBoundSite.RequestHandler;
        return new AsyncFunction(
            site == CpuBoundSite.AsyncCode ? site : SiteOf(),
            local,
            SiteOf,
            () => Handler() is { } registration ? $"'{local.Symbol.Name}' (passed to '{registration.TargetMethod.Name}')" : $"'{local.Symbol.Name}'");
    }

    private ConfiguredHandlers Configured(SyntaxTree tree, AnalyzerOptions options)
    {
        if (!_configured.TryGetValue(tree, out var configured))
        {
            configured = ConfiguredHandlers.Parse(
                AnalyzerOptionReader.GetRaw(options, tree, RequestHandlers.HandlerAttributesOption),
                AnalyzerOptionReader.GetRaw(options, tree, RequestHandlers.HandlerBaseTypesOption),
                _types);
            _configured.TryAdd(tree, configured);
        }

        return configured;
    }

    /// <summary>Main (or top-level statements): nothing else waits on its thread, so moving the work frees nothing.</summary>
    private static bool IsEntryPoint(IMethodSymbol method) =>
        method.IsStatic && method.Name is "Main" or "<Main>$";

    private static IInvocationOperation? RegistrationOf(IOperation lambda)
    {
        var current = lambda;
        while (current.Parent is IDelegateCreationOperation or IConversionOperation)
        {
            current = current.Parent;
        }

        return current.Parent is IArgumentOperation { Parent: IInvocationOperation invocation } ? invocation : null;
    }

    /// <summary>Task.Run, TaskFactory.StartNew, Parallel and ThreadPool already run the delegate on pool threads.</summary>
    private bool IsOffloading(IMethodSymbol method)
    {
        var type = method.ContainingType;
        return (method.Name == "Run" && WellKnownTypes.Eq(type, _types.Task))
            || (method.Name == "StartNew" && (WellKnownTypes.Eq(type, _types.TaskFactory) || WellKnownTypes.Eq(type?.OriginalDefinition, _types.TaskFactoryOfT)))
            || WellKnownTypes.Eq(type, _types.Parallel)
            || WellKnownTypes.Eq(type, _types.ThreadPool);
    }

    private static string Keyword(ILoopOperation loop) => loop.Syntax switch
    {
        ForStatementSyntax => "for",
        CommonForEachStatementSyntax { AwaitKeyword.RawKind: not 0 } => "await foreach",
        CommonForEachStatementSyntax => "foreach",
        DoStatementSyntax => "do",
        _ => "while",
    };

    /// <summary>The loop's keyword and header, not its body.</summary>
    public static Location LoopHeader(SyntaxNode loop)
    {
        var span = loop switch
        {
            ForStatementSyntax f => TextSpan.FromBounds(f.ForKeyword.SpanStart, f.CloseParenToken.Span.End),
            CommonForEachStatementSyntax e => TextSpan.FromBounds(e.SpanStart, e.CloseParenToken.Span.End),
            WhileStatementSyntax w => TextSpan.FromBounds(w.WhileKeyword.SpanStart, w.CloseParenToken.Span.End),
            DoStatementSyntax d => d.DoKeyword.Span,
            _ => loop.Span,
        };

        return Location.Create(loop.SyntaxTree, span);
    }
}
