using Microsoft.CodeAnalysis;
using ConcurrencyAnalyzers.Core;

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
