using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ConcurrencyAnalyzers.CpuBound;

/// <summary>One member's operation blocks, kept for analysis at the end of its type.</summary>
internal sealed class TypeEndBlock
{
    public TypeEndBlock(ImmutableArray<IOperation> blocks, ISymbol owningSymbol, AnalyzerOptions options)
    {
        Blocks = blocks;
        OwningSymbol = owningSymbol;
        Options = options;
    }

    public ImmutableArray<IOperation> Blocks { get; }

    public ISymbol OwningSymbol { get; }

    public AnalyzerOptions Options { get; }
}

/// <summary>
/// Runs an operation-block analysis at the end of each named type rather than as each member is bound. By then the
/// driver has bound every member of the type, so the cost model's look into a helper of the same type (often declared
/// below the async method that calls it) reads a body the driver bound anyway instead of binding it first on this
/// rule's account. Symbol end actions run in the IDE as well as in builds.
/// </summary>
internal static class TypeEndBlocks
{
    public static void Register(CompilationStartAnalysisContext start, Action<TypeEndBlock, Action<Diagnostic>, CancellationToken> analyze)
    {
        start.RegisterSymbolStartAction(
            type =>
            {
                var pending = new ConcurrentQueue<TypeEndBlock>();
                type.RegisterOperationBlockAction(block =>
                {
                    // Each member is kept by its own type only, whether or not the driver also shows a nested type's
                    // members to the outer type's actions: it is analyzed once, at its own type's end.
                    if (!block.OperationBlocks.IsEmpty && SymbolEqualityComparer.Default.Equals(block.OwningSymbol.ContainingType, type.Symbol))
                    {
                        pending.Enqueue(new TypeEndBlock(block.OperationBlocks, block.OwningSymbol, block.Options));
                    }
                });
                type.RegisterSymbolEndAction(end =>
                {
                    while (pending.TryDequeue(out var block))
                    {
                        analyze(block, end.ReportDiagnostic, end.CancellationToken);
                    }
                });
            },
            SymbolKind.NamedType);
    }
}
