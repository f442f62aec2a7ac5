using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Core;

/// <summary>
/// Follows calls from synchronous code into the synchronous helpers of the same compilation, a few levels deep, to
/// find a blocking call they make. Each method's own facts and each answer are cached per compilation; the walk is
/// breadth first with a fixed depth, so answers do not depend on the order of analysis and cycles end.
/// </summary>
internal sealed class BlockingSummaries
{
    /// <summary>How many calls deep the search goes: the helper the handler calls, and two below it.</summary>
    public const int MaxDepth = 3;

    /// <summary>How many methods one search may look into, whatever the fan-out of the call graph.</summary>
    public const int MaxMethods = 64;

    private static readonly ConditionalWeakTable<Compilation, BlockingSummaries> Cache = new();

    private readonly Compilation _compilation;
    private readonly BlockingCatalog _catalog;
    private readonly ConcurrentDictionary<IMethodSymbol, MethodFacts> _facts = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, BlockingCall?> _answers = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new();

    private BlockingSummaries(Compilation compilation)
    {
        _compilation = compilation;
        _catalog = BlockingCatalog.Get(compilation);
    }

    public static BlockingSummaries Get(Compilation compilation) => Cache.GetValue(compilation, static c => new BlockingSummaries(c));

    /// <summary>The first blocking call (breadth first) that calling <paramref name="method"/> makes, or null.</summary>
    public BlockingCall? BlockingCallOf(IMethodSymbol method, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        method = method.OriginalDefinition;
        if (_answers.TryGetValue(method, out var answer))
        {
            return answer;
        }

        answer = Search(method, options, cancellationToken);
        _answers.TryAdd(method, answer);
        return answer;
    }

    private BlockingCall? Search(IMethodSymbol root, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var visited = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default) { root };
        var level = new List<IMethodSymbol> { root };
        var examined = 0;
        for (var depth = 1; depth <= MaxDepth && level.Count > 0; depth++)
        {
            var next = new List<IMethodSymbol>();
            foreach (var method in level)
            {
                if (++examined > MaxMethods)
                {
                    return null;
                }

                var facts = FactsOf(method, options, cancellationToken);
                if (facts.Direct is { } direct)
                {
                    return direct;
                }

                foreach (var callee in facts.Callees)
                {
                    if (visited.Add(callee))
                    {
                        next.Add(callee);
                    }
                }
            }

            level = next;
        }

        return null;
    }

    private MethodFacts FactsOf(IMethodSymbol method, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        if (!_facts.TryGetValue(method, out var facts))
        {
            facts = Collect(method, options, cancellationToken);
            _facts.TryAdd(method, facts);
        }

        return facts;
    }

    /// <summary>The first blocking call in the method's own body, and the synchronous source methods it calls.</summary>
    private MethodFacts Collect(IMethodSymbol method, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        // A partial method's body is in its implementation part.
        method = method.PartialImplementationPart ?? method;
        if (method.IsAsync || method.IsAbstract || method.IsExtern || method.DeclaringSyntaxReferences.Length != 1)
        {
            return MethodFacts.Empty;
        }

        // Only helpers of this compilation: a referenced project's trees belong to another compilation.
        var declaration = method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
        if (!_compilation.ContainsSyntaxTree(declaration.SyntaxTree))
        {
            return MethodFacts.Empty;
        }

        var model = ModelOf(declaration.SyntaxTree);
        if (model.GetOperation(declaration, cancellationToken) is not { } body)
        {
            return MethodFacts.Empty;
        }

        var function = new EnclosingFunction(method, body, method);
        var proof = new CompletedTaskProof.Cache(cancellationToken);
        BlockingCall? direct = null;
        var callees = ImmutableArray.CreateBuilder<IMethodSymbol>();
        FunctionWalker.ForEachOwnOperation(body, cancellationToken, operation =>
        {
            if (operation is not (IInvocationOperation or IPropertyReferenceOperation))
            {
                return true;
            }

            direct = _catalog.Match(operation, function, options, proof);
            if (direct is not null)
            {
                return false;
            }

            if (operation is IInvocationOperation { TargetMethod: { IsAsync: false } target }
                && IsHelperCandidate(target))
            {
                callees.Add(target.OriginalDefinition);
            }

            return true;
        });

        return new MethodFacts(direct, callees.ToImmutable());
    }

    /// <summary>A synchronous method with a body in this compilation (partial methods through their implementation).</summary>
    public bool IsHelperCandidate(IMethodSymbol method)
    {
        var definition = method.OriginalDefinition;
        var withBody = definition.PartialImplementationPart ?? definition;
        return !definition.IsAsync
            && !_catalog.Types.IsTaskLike(definition.ReturnType)
            && withBody.DeclaringSyntaxReferences.Length == 1
            && _compilation.ContainsSyntaxTree(withBody.DeclaringSyntaxReferences[0].SyntaxTree);
    }

#pragma warning disable RS1030 // Helpers live in other trees; their models are cached here, once per tree and compilation.
    private SemanticModel ModelOf(SyntaxTree tree) =>
        _models.TryGetValue(tree, out var model) ? model : _models.GetOrAdd(tree, _compilation.GetSemanticModel(tree));
#pragma warning restore RS1030

    private sealed class MethodFacts
    {
        public static readonly MethodFacts Empty = new(null, ImmutableArray<IMethodSymbol>.Empty);

        public MethodFacts(BlockingCall? direct, ImmutableArray<IMethodSymbol> callees)
        {
            Direct = direct;
            Callees = callees;
        }

        public BlockingCall? Direct { get; }

        public ImmutableArray<IMethodSymbol> Callees { get; }
    }
}
