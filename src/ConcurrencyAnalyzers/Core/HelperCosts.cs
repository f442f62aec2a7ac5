using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Core;

/// <summary>
/// What calling a method of this compilation costs, from its body, cached per compilation. Helpers are followed a
/// fixed number of calls deep (<see cref="CostModel.MaxHelperDepth"/>); a recursive call counts as a plain call.
/// Iterators run nothing until enumerated, so a call to one counts as a plain call too.
/// </summary>
internal sealed class HelperCosts
{
    private static readonly ConditionalWeakTable<Compilation, HelperCosts> Cache = new();

    private readonly Compilation _compilation;
    // Keyed by method, depth, nesting and kind of estimate (full or upper bound), so an answer does not depend on which
    // caller asked first; null (no body, an iterator) is kept too.
    private readonly ConcurrentDictionary<(IMethodSymbol Method, int Depth, bool Nested, bool UpperBound), WorkEstimate?> _estimates = new(new KeyComparer());
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new();

    private HelperCosts(Compilation compilation) => _compilation = compilation;

    public static HelperCosts Get(Compilation compilation) => Cache.GetValue(compilation, static c => new HelperCosts(c));

    /// <summary>The cost of one call of <paramref name="method"/>; null when its body is not in this compilation.</summary>
    /// <param name="chain">The helpers being estimated on this path (a recursive call counts as a plain call).</param>
    /// <param name="nested">Called inside a loop whose count is assumed: the helper's own unknown sizes are small.</param>
    /// <param name="upperBound">An upper bound, without async-twin lookups (see <see cref="CostModel.UpperBoundForBlock"/>).</param>
    public WorkEstimate? Estimate(IMethodSymbol method, WellKnownTypes types, int depth, bool nested, bool upperBound, HashSet<IMethodSymbol> chain, CancellationToken cancellationToken)
    {
        var definition = method.OriginalDefinition;
        definition = definition.PartialImplementationPart ?? definition;
        if (definition.IsAbstract || definition.IsExtern || definition.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        // Only methods of this compilation are ever kept, so a kept answer needs no look at the declaration.
        if (_estimates.TryGetValue((definition, depth, nested, upperBound), out var cached))
        {
            return cached;
        }

        var declaration = definition.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
        if (!_compilation.ContainsSyntaxTree(declaration.SyntaxTree))
        {
            return null;
        }

        if (!chain.Add(definition))
        {
            return null; // Recursion: counted as a plain call.
        }

        try
        {
            var body = ModelOf(declaration.SyntaxTree).GetOperation(declaration, cancellationToken);
            if (body is ILocalFunctionOperation localFunction)
            {
                body = localFunction.Body;
            }

            if (body is null || (types.IsIteratorReturnType(definition.ReturnType) && IsIterator(body, cancellationToken)))
            {
                _estimates.TryAdd((definition, depth, nested, upperBound), null);
                return null;
            }

            var estimate = new CostWalker(types, _compilation, cancellationToken, depth, chain, nested ? 1 : 0, upperBound: upperBound).Walk(body);
            _estimates.TryAdd((definition, depth, nested, upperBound), estimate);
            return estimate;
        }
        finally
        {
            chain.Remove(definition);
        }
    }

    private static bool IsIterator(IOperation body, CancellationToken cancellationToken)
    {
        var iterator = false;
        FunctionWalker.ForEachOwnOperation(body, cancellationToken, operation =>
        {
            iterator = operation is IReturnOperation { Kind: OperationKind.YieldReturn or OperationKind.YieldBreak };
            return !iterator;
        });
        return iterator;
    }

    private sealed class KeyComparer : IEqualityComparer<(IMethodSymbol Method, int Depth, bool Nested, bool UpperBound)>
    {
        public bool Equals((IMethodSymbol Method, int Depth, bool Nested, bool UpperBound) x, (IMethodSymbol Method, int Depth, bool Nested, bool UpperBound) y) =>
            x.Depth == y.Depth && x.Nested == y.Nested && x.UpperBound == y.UpperBound && SymbolEqualityComparer.Default.Equals(x.Method, y.Method);

        public int GetHashCode((IMethodSymbol Method, int Depth, bool Nested, bool UpperBound) key) =>
            (SymbolEqualityComparer.Default.GetHashCode(key.Method) * 31) + (key.Depth * 4) + (key.Nested ? 2 : 0) + (key.UpperBound ? 1 : 0);
    }

#pragma warning disable RS1030 // Helpers live in other trees; their models are cached here, once per tree and compilation.
    private SemanticModel ModelOf(SyntaxTree tree) =>
        _models.TryGetValue(tree, out var model) ? model : _models.GetOrAdd(tree, _compilation.GetSemanticModel(tree));
#pragma warning restore RS1030
}
