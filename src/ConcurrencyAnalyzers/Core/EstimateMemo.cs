using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace ConcurrencyAnalyzers.Core;

/// <summary>
/// The estimates of calls and loops already made while one caller looks at one member. CONC0201 estimates every loop
/// and call it meets and then the calls and loops around them, which walks the inner ones again; with this each is
/// walked once per number of enclosing assumed-size loops (the only walker state an estimate depends on at the top
/// level). Not shared between threads.
/// </summary>
internal sealed class EstimateMemo
{
    private readonly Dictionary<(IOperation Operation, int AssumedDepth), WorkEstimate> _estimates = new();

    public bool TryGet(IOperation operation, int assumedDepth, out WorkEstimate estimate) =>
        _estimates.TryGetValue((operation, assumedDepth), out estimate!);

    public void Add(IOperation operation, int assumedDepth, WorkEstimate estimate) => _estimates[(operation, assumedDepth)] = estimate;
}
