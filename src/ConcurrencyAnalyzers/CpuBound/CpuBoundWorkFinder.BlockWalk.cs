using System;
using System.Threading;
using ConcurrencyAnalyzers.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.CpuBound;

internal sealed partial class CpuBoundWorkFinder
{
    /// <summary>
    /// The async functions of one type, each walked top-down for one site. Each loop and call is first measured
    /// against an upper bound, which skips the async-twin lookups, and estimated in full only when the bound reaches
    /// the threshold: most code is far from it. A loop or call whose bound is under the threshold is not entered
    /// either, unless its bound counts some code inside for less than that code costs on its own (see
    /// <see cref="WorkEstimate.UndercountsNestedWork"/>). Both cost walkers keep the estimates of the calls and loops
    /// they have walked, so the call around a call that was not heavy enough walks the inner one once more at most.
    /// The walker of full estimates is made on first use: most async functions have nothing that reaches the bound.
    /// </summary>
    private sealed class BlockWalk
    {
        private readonly CpuBoundWorkFinder _finder;
        private readonly CpuBoundSite _site;
        private readonly Action<CpuBoundFinding> _report;
        private readonly Compilation? _compilation;
        private readonly CancellationToken _cancellationToken;
        private double _threshold;
        private CostWalker? _bounds;
        private CostWalker? _costs;

        public BlockWalk(CpuBoundWorkFinder finder, CpuBoundSite site, Action<CpuBoundFinding> report, Compilation? compilation, CancellationToken cancellationToken)
        {
            _finder = finder;
            _site = site;
            _report = report;
            _compilation = compilation;
            _cancellationToken = cancellationToken;
        }

        private CostWalker Bounds => _bounds ??= CostModel.UpperBoundForBlock(_finder._types, _compilation, _cancellationToken);

        private CostWalker Costs => _costs ??= CostModel.ForBlock(_finder._types, _compilation, _cancellationToken);

        /// <summary>Nothing in code of this upper bound, not even a loop or call inside it on its own, reaches the threshold.</summary>
        private bool CannotReachThreshold(WorkEstimate bound) => bound.Operations < _threshold && !bound.UndercountsNestedWork;

        /// <summary>Reports what one function's <paramref name="body"/> holds, against its tree's <paramref name="threshold"/>.</summary>
        public void VisitFunction(IOperation body, AsyncFunction function, double threshold)
        {
            _threshold = threshold;
            Visit(body, function);
        }

        /// <summary>Returns true when something at or under <paramref name="operation"/> was found (so enclosing calls are not reported).</summary>
        private bool Visit(IOperation operation, AsyncFunction function)
        {
            if (!StackGuard.TryEnter())
            {
                return false;
            }

            try
            {
                return VisitOne(operation, function);
            }
            finally
            {
                StackGuard.Exit();
            }
        }

        private bool VisitOne(IOperation operation, AsyncFunction function)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            switch (operation)
            {
                case IAnonymousFunctionOperation or ILocalFunctionOperation:
                    // A nested function runs where it is invoked; when it is async, it is pending on its own.
                    return false;
                case ILoopOperation loop when function.WalkedAs == _site:
                    var loopBound = Bounds.Walk(loop);
                    if (CannotReachThreshold(loopBound))
                    {
                        return false;
                    }

                    if (loopBound.Operations < _threshold)
                    {
                        break;
                    }

                    var loopEstimate = Costs.RepeatedWork(loop);
                    if (loopEstimate.IsCpuBound(_threshold) && !Yields(loop, _cancellationToken))
                    {
                        if (function.IsAt(_site))
                        {
                            _report(new CpuBoundFinding(
                                loop,
                                loopEstimate,
                                $"The '{Keyword(loop)}' loop",
                                function.Name,
                                function.IsBeforeFirstAwait(loop, _cancellationToken),
                                LoopIndependence.IsParallelizable(loop, _finder._types),
                                LoopHeader(loop.Syntax)));
                        }

                        return true;
                    }

                    break;
                case IInvocationOperation invocation when function.WalkedAs == _site:
                    var callBound = Bounds.EstimateRoot(invocation);
                    if (CannotReachThreshold(callBound))
                    {
                        return false;
                    }

                    if (VisitChildren(invocation, function))
                    {
                        return true;
                    }

                    // items.Select(heavy).ToList(): the work runs where the sequence is enumerated, so the chain is reported at its end.
                    if (_finder.IsDeferredLinqReceiver(invocation) || callBound.Operations < _threshold)
                    {
                        return false;
                    }

                    var callEstimate = Costs.EstimateRoot(invocation);
                    if (!callEstimate.IsCpuBound(_threshold))
                    {
                        return false;
                    }

                    if (function.IsAt(_site))
                    {
                        _report(new CpuBoundFinding(
                            invocation,
                            callEstimate,
                            $"The call to '{BlockingCatalog.MemberName(invocation.TargetMethod)}'",
                            function.Name,
                            function.IsBeforeFirstAwait(invocation, _cancellationToken),
                            parallelizable: false,
                            DiagnosticLocations.MemberToEnd(invocation.Syntax)));
                    }

                    return true;
            }

            return VisitChildren(operation, function);
        }

        private bool VisitChildren(IOperation operation, AsyncFunction function)
        {
            var found = false;
            foreach (var child in operation.ChildOperations)
            {
                found |= !child.IsInertLeaf() && Visit(child, function);
            }

            return found;
        }
    }
}
