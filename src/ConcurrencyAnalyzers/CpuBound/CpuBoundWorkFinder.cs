using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using ConcurrencyAnalyzers.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace ConcurrencyAnalyzers.CpuBound;

/// <summary>Where CPU-bound work was found: async code in general, or a request handler (where Task.Run does not help).</summary>
internal enum CpuBoundSite
{
    AsyncCode,
    RequestHandler,
}

/// <summary>A CPU-heavy loop or call found inline in async code.</summary>
internal sealed class CpuBoundFinding
{
    public CpuBoundFinding(IOperation operation, WorkEstimate estimate, string what, string function, bool beforeFirstAwait, bool parallelizable, Location location)
    {
        Operation = operation;
        Estimate = estimate;
        What = what;
        Function = function;
        BeforeFirstAwait = beforeFirstAwait;
        Parallelizable = parallelizable;
        Location = location;
    }

    public IOperation Operation { get; }

    public WorkEstimate Estimate { get; }

    /// <summary>"The 'for' loop", "The call to 'Rfc2898DeriveBytes.Pbkdf2'".</summary>
    public string What { get; }

    /// <summary>"'ImageService.ResizeAsync'", "the async lambda passed to 'Select'".</summary>
    public string Function { get; }

    public bool BeforeFirstAwait { get; }

    /// <summary>A loop whose iterations are independent, so Parallel.For/ForEach can split it.</summary>
    public bool Parallelizable { get; }

    public Location Location { get; }
}

/// <summary>
/// The policy shared by CONC0201 and CONC0202: walks an operation block top-down, tracks which functions are async
/// (and not already handed to Task.Run or Parallel), and reports the outermost CPU-bound loop, or the innermost
/// CPU-bound call, of each async function, per the cost model.
/// </summary>
internal sealed class CpuBoundWorkFinder
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

    /// <summary>Reports every finding of the block at <paramref name="site"/>.</summary>
    public void Find(OperationBlockAnalysisContext context, CpuBoundSite site, double threshold, Action<CpuBoundFinding> report)
    {
        foreach (var block in context.OperationBlocks)
        {
            var function = FunctionOf(context.OwningSymbol as IMethodSymbol, block, context.Options);
            Visit(block, function, site, threshold, report, context.CancellationToken, context.Options);
        }
    }

    /// <summary>Returns true when something at or under <paramref name="operation"/> was reported (so enclosing calls are not).</summary>
    private bool Visit(IOperation operation, FunctionState function, CpuBoundSite site, double threshold, Action<CpuBoundFinding> report, System.Threading.CancellationToken cancellationToken, AnalyzerOptions options)
    {
        if (!StackGuard.TryEnter())
        {
            return false;
        }

        try
        {
            return VisitOne(operation, function, site, threshold, report, cancellationToken, options);
        }
        finally
        {
            StackGuard.Exit();
        }
    }

    private bool VisitOne(IOperation operation, FunctionState function, CpuBoundSite site, double threshold, Action<CpuBoundFinding> report, System.Threading.CancellationToken cancellationToken, AnalyzerOptions options)
    {
        cancellationToken.ThrowIfCancellationRequested();
        switch (operation)
        {
            case IAnonymousFunctionOperation lambda:
                Visit(lambda.Body, FunctionOf(lambda), site, threshold, report, cancellationToken, options);
                return false;
            case ILocalFunctionOperation local:
                if (local.Body is { } body)
                {
                    Visit(body, FunctionOf(local), site, threshold, report, cancellationToken, options);
                }

                return false;
            case ILoopOperation loop when function.Site == site:
                var loopEstimate = CostModel.EstimateIterations(loop, _types, cancellationToken);
                if (loopEstimate.IsCpuBound(threshold) && !Yields(loop, cancellationToken))
                {
                    report(new CpuBoundFinding(
                        loop,
                        loopEstimate,
                        $"The '{Keyword(loop)}' loop",
                        function.Name,
                        function.IsBeforeFirstAwait(loop, cancellationToken),
                        LoopIndependence.IsParallelizable(loop, _types),
                        LoopHeader(loop.Syntax)));
                    VisitNestedFunctions(loop, function, site, threshold, report, cancellationToken, options);
                    return true;
                }

                break;
            case IInvocationOperation invocation when function.Site == site:
                if (VisitChildren(invocation, function, site, threshold, report, cancellationToken, options))
                {
                    return true;
                }

                // items.Select(heavy).ToList(): the work runs where the sequence is enumerated, so the chain is reported at its end.
                if (IsDeferredLinqReceiver(invocation))
                {
                    return false;
                }

                var callEstimate = CostModel.Estimate(invocation, _types, cancellationToken);
                if (callEstimate.IsCpuBound(threshold))
                {
                    report(new CpuBoundFinding(
                        invocation,
                        callEstimate,
                        $"The call to '{BlockingCatalog.MemberName(invocation.TargetMethod)}'",
                        function.Name,
                        function.IsBeforeFirstAwait(invocation, cancellationToken),
                        parallelizable: false,
                        DiagnosticLocations.MemberToEnd(invocation.Syntax)));
                    return true;
                }

                return false;
        }

        return VisitChildren(operation, function, site, threshold, report, cancellationToken, options);
    }

    private bool VisitChildren(IOperation operation, FunctionState function, CpuBoundSite site, double threshold, Action<CpuBoundFinding> report, System.Threading.CancellationToken cancellationToken, AnalyzerOptions options)
    {
        var reported = false;
        foreach (var child in operation.ChildOperations)
        {
            reported |= Visit(child, function, site, threshold, report, cancellationToken, options);
        }

        return reported;
    }

    /// <summary>Inside a reported loop nothing more of the same function is reported, but nested async lambdas still are.</summary>
    private void VisitNestedFunctions(IOperation operation, FunctionState function, CpuBoundSite site, double threshold, Action<CpuBoundFinding> report, System.Threading.CancellationToken cancellationToken, AnalyzerOptions options)
    {
        foreach (var descendant in operation.Descendants())
        {
            if (descendant is IAnonymousFunctionOperation or ILocalFunctionOperation && descendant.IsDirectlyIn(operation))
            {
                Visit(descendant, function, site, threshold, report, cancellationToken, options);
            }
        }
    }

    /// <summary>A loop of an iterator that yields: each iteration runs when the consumer asks for the next item.</summary>
    private static bool Yields(ILoopOperation loop, System.Threading.CancellationToken cancellationToken) =>
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

    private FunctionState FunctionOf(IMethodSymbol? method, IOperation block, AnalyzerOptions options)
    {
        if (method is null || !method.IsAsync || IsEntryPoint(method))
        {
            return FunctionState.NotAsync;
        }

        var handler = _handlers is not null && _handlers.KindOf(method, Configured(block.Syntax.SyntaxTree, options)) != RequestHandlerKind.None;
        return new FunctionState(handler ? CpuBoundSite.RequestHandler : CpuBoundSite.AsyncCode, $"'{BlockingCatalog.MemberName(method)}'", block);
    }

    private FunctionState FunctionOf(IAnonymousFunctionOperation lambda)
    {
        if (!lambda.Symbol.IsAsync)
        {
            return FunctionState.NotAsync;
        }

        var registration = RegistrationOf(lambda);
        if (registration is not null && IsOffloading(registration.TargetMethod))
        {
            return FunctionState.NotAsync;
        }

        if (_handlers?.RegistrationOf(lambda) is { } handler)
        {
            return new FunctionState(CpuBoundSite.RequestHandler, $"passed to '{handler.TargetMethod.Name}'", lambda);
        }

        var name = registration is null ? "an async lambda" : $"the async lambda passed to '{registration.TargetMethod.Name}'";
        return new FunctionState(CpuBoundSite.AsyncCode, name, lambda);
    }

    private FunctionState FunctionOf(ILocalFunctionOperation local)
    {
        if (!local.Symbol.IsAsync)
        {
            return FunctionState.NotAsync;
        }

        if (_handlers?.RegistrationOf(local.Symbol, local) is { } handler)
        {
            return new FunctionState(CpuBoundSite.RequestHandler, $"'{local.Symbol.Name}' (passed to '{handler.TargetMethod.Name}')", local);
        }

        return new FunctionState(CpuBoundSite.AsyncCode, $"'{local.Symbol.Name}'", local);
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

    /// <summary>One function being walked: where its findings go, how messages name it, and where its awaits are.</summary>
    private sealed class FunctionState
    {
        public static readonly FunctionState NotAsync = new(null, string.Empty, null);

        private readonly IOperation? _root;
        private List<TextSpan>? _awaits;

        public FunctionState(CpuBoundSite? site, string name, IOperation? root)
        {
            Site = site;
            Name = name;
            _root = root;
        }

        /// <summary>Null for synchronous code, or async code already offloaded.</summary>
        public CpuBoundSite? Site { get; }

        public string Name { get; }

        /// <summary>
        /// No await of the function precedes the operation, and no loop around it awaits: the async method is still
        /// running synchronously on its caller's thread when the work runs.
        /// </summary>
        public bool IsBeforeFirstAwait(IOperation operation, System.Threading.CancellationToken cancellationToken)
        {
            if (_root is null)
            {
                return false;
            }

            if (_awaits is null)
            {
                var awaits = new List<TextSpan>();
                FunctionWalker.ForEachOwnOperation(_root, cancellationToken, current =>
                {
                    if (current is IAwaitOperation || current is IForEachLoopOperation { IsAsynchronous: true })
                    {
                        awaits.Add(current is IForEachLoopOperation { Syntax: CommonForEachStatementSyntax header }
                            ? TextSpan.FromBounds(header.SpanStart, header.CloseParenToken.Span.End)
                            : current.Syntax.Span);
                    }

                    return true;
                });
                _awaits = awaits;
            }

            var start = operation.Syntax.SpanStart;
            foreach (var span in _awaits)
            {
                if (span.End <= start)
                {
                    return false;
                }
            }

            // An await in a loop around the operation ran in an earlier iteration.
            for (var current = operation.Parent; current is not null && current != _root; current = current.Parent)
            {
                if (current is ILoopOperation loop)
                {
                    foreach (var span in _awaits)
                    {
                        if (loop.Syntax.Span.Contains(span))
                        {
                            return false;
                        }
                    }
                }
            }

            return true;
        }
    }
}
