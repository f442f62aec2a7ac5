using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.CpuBound;

/// <summary>
/// One async function of a type, kept for analysis at the end of the type: an async method's operation blocks, or
/// one async lambda or local function (wherever it is declared, in async code or not).
/// </summary>
internal sealed class PendingAsyncFunction
{
    public PendingAsyncFunction(ImmutableArray<IOperation> blocks, ISymbol owningSymbol, AnalyzerOptions options)
    {
        Blocks = blocks;
        OwningSymbol = owningSymbol;
        Options = options;
    }

    /// <summary>The method's operation blocks, or the single <see cref="IAnonymousFunctionOperation"/> or <see cref="ILocalFunctionOperation"/>.</summary>
    public ImmutableArray<IOperation> Blocks { get; }

    /// <summary>The member the function is declared in.</summary>
    public ISymbol OwningSymbol { get; }

    public AnalyzerOptions Options { get; }
}

/// <summary>
/// Runs an analysis of each async function at the end of its named type rather than as each member is bound. By then
/// the driver has bound every member of the type, so the cost model's look into a helper of the same type (often
/// declared below the async method that calls it) reads a body the driver bound anyway instead of binding it first on
/// this rule's account. Symbol end actions run in the IDE as well as in builds. Async lambdas and local functions are
/// handed over by the driver's operation actions, so the many members with no async code are never walked here.
/// </summary>
internal static class TypeEndAsyncFunctions
{
    // Registered once per type: one array for all of them.
    private static readonly ImmutableArray<OperationKind> FunctionKinds = ImmutableArray.Create(OperationKind.AnonymousFunction, OperationKind.LocalFunction);

    /// <param name="analyze">Called once per type that has async functions, with all of them.</param>
    public static void Register(CompilationStartAnalysisContext start, Action<ImmutableStack<PendingAsyncFunction>, Action<Diagnostic>, CancellationToken> analyze)
    {
        start.RegisterSymbolStartAction(
            type =>
            {
                // An enum or a delegate has no function bodies: nothing to register, and no callback per member.
                if (type.Symbol is INamedTypeSymbol { TypeKind: not (TypeKind.Enum or TypeKind.Delegate) })
                {
                    RegisterFor(type, analyze);
                }
            },
            SymbolKind.NamedType);
    }

    private static void RegisterFor(SymbolStartAnalysisContext type, Action<ImmutableStack<PendingAsyncFunction>, Action<Diagnostic>, CancellationToken> analyze)
    {
        // Most types have no async function: an empty stack allocates nothing.
        var pending = ImmutableStack<PendingAsyncFunction>.Empty;

        // Each function is kept by its own type only, whether or not the driver also shows a nested type's
        // members to the outer type's actions: it is analyzed once, at its own type's end.
        bool Owns(ISymbol member) => SymbolEqualityComparer.Default.Equals(member.ContainingType, type.Symbol);

        type.RegisterOperationBlockAction(block =>
        {
            if (block.OwningSymbol is IMethodSymbol { IsAsync: true } && !block.OperationBlocks.IsEmpty && Owns(block.OwningSymbol))
            {
                ImmutableInterlocked.Push(ref pending, new PendingAsyncFunction(block.OperationBlocks, block.OwningSymbol, block.Options));
            }
        });
        type.RegisterOperationAction(
            function =>
            {
                var isAsync = function.Operation switch
                {
                    IAnonymousFunctionOperation lambda => lambda.Symbol.IsAsync,
                    ILocalFunctionOperation local => local.Symbol.IsAsync,
                    _ => false,
                };
                if (isAsync && Owns(function.ContainingSymbol))
                {
                    ImmutableInterlocked.Push(ref pending, new PendingAsyncFunction(ImmutableArray.Create(function.Operation), function.ContainingSymbol, function.Options));
                }
            },
            FunctionKinds);
        type.RegisterSymbolEndAction(end =>
        {
            var functions = Interlocked.Exchange(ref pending, ImmutableStack<PendingAsyncFunction>.Empty);
            if (!functions.IsEmpty)
            {
                analyze(functions, end.ReportDiagnostic, end.CancellationToken);
            }
        });
    }
}
