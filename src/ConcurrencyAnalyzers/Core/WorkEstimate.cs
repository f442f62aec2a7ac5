using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;

namespace ConcurrencyAnalyzers.Core;

/// <summary>
/// What the cost model makes of a piece of code: an estimated count of basic operations (about a nanosecond each on
/// a current core), whether it awaits or does I/O, and what dominates the cost, for the diagnostic message.
/// Immutable; built by <see cref="CostModel"/>.
/// </summary>
internal sealed class WorkEstimate
{
    /// <summary>Nothing to do: no operations, no await, no I/O.</summary>
    public static readonly WorkEstimate None = new(0, awaits: false, doesIoOrBlocks: false, isDataDependent: false, iterations: 1, bounds: ImmutableArray<KnownCount>.Empty, heavyApi: null);

    public WorkEstimate(
        double operations,
        bool awaits,
        bool doesIoOrBlocks,
        bool isDataDependent,
        double iterations,
        ImmutableArray<KnownCount> bounds,
        string? heavyApi,
        bool hasUnboundedLoop = false,
        bool undercountsNestedWork = false)
    {
        HasUnboundedLoop = hasUnboundedLoop;
        UndercountsNestedWork = undercountsNestedWork;
        Operations = double.IsNaN(operations) ? 0 : Math.Max(0, Math.Min(operations, 1e300));
        Awaits = awaits;
        DoesIoOrBlocks = doesIoOrBlocks;
        IsDataDependent = isDataDependent;
        Iterations = Math.Max(1, Math.Min(iterations, 1e300));
        Bounds = bounds.IsDefault ? ImmutableArray<KnownCount>.Empty : bounds;
        HeavyApi = heavyApi;
    }

    /// <summary>Estimated basic operations (arithmetic, assignments, element accesses, calls weighted by what they cost).</summary>
    public double Operations { get; }

    /// <summary><see cref="Operations"/> as a power of ten (0 for no work): 8 means about 10^8 operations.</summary>
    public double Log10Operations => Operations <= 1 ? 0 : Math.Log10(Operations);

    /// <summary>The code awaits (an await expression, await foreach or await using) outside nested functions.</summary>
    public bool Awaits { get; }

    /// <summary>
    /// The code calls a member that blocks or does I/O: a wait on a task, Thread.Sleep, Console, or a synchronous
    /// member with an async twin (file, network and database calls), outside nested functions.
    /// </summary>
    public bool DoesIoOrBlocks { get; }

    /// <summary>Some loop count or data size was not known statically and an assumed size was used.</summary>
    public bool IsDataDependent { get; }

    /// <summary>
    /// The code has a loop with no bound the model could read (<c>while (true)</c>, <c>while (!_stop)</c>, a queue
    /// draining), counted at an assumed size: a thread body with one runs until something stops it, so for a dedicated
    /// thread <c>HasUnboundedLoop &amp;&amp; !Awaits &amp;&amp; !DoesIoOrBlocks</c> means it keeps a core busy.
    /// </summary>
    public bool HasUnboundedLoop { get; }

    /// <summary>
    /// Some code inside is counted for less than it costs on its own: it sits in a loop whose count is assumed (where
    /// unknown sizes are taken as small) or that may not run at all. When false, no loop or call inside, estimated on
    /// its own, costs more than the whole.
    /// </summary>
    public bool UndercountsNestedWork { get; }

    /// <summary>Iterations of the loop nest that dominates the cost (1 when no loop dominates).</summary>
    public double Iterations { get; }

    /// <summary>The counts of that nest's loops, outermost first; messages name them: "10,000", "'items' (size unknown, assumed 1,000)".</summary>
    public ImmutableArray<KnownCount> Bounds { get; }

    /// <summary>The known CPU-heavy API call that dominates, as messages name it ("PBKDF2 with 600,000 iterations"); null when none.</summary>
    public string? HeavyApi { get; }

    /// <summary>Number of loops in the dominant nest.</summary>
    public int LoopDepth => Bounds.Length;

    /// <summary>
    /// True when the code is CPU-bound work of at least <paramref name="threshold"/> estimated operations: it neither
    /// awaits nor blocks on I/O (a loop that awaits or reads files is not CPU-bound, whatever its count).
    /// </summary>
    public bool IsCpuBound(double threshold) => !Awaits && !DoesIoOrBlocks && Operations >= threshold;

    /// <summary>The same estimate with another operation count.</summary>
    public WorkEstimate WithOperations(double operations) =>
        new(operations, Awaits, DoesIoOrBlocks, IsDataDependent, Iterations, Bounds, HeavyApi, HasUnboundedLoop, UndercountsNestedWork);

    /// <summary>
    /// What the cost is, for a message: "about 10^8 iterations (10,000 × 10,000)", "PBKDF2 with 600,000 iterations",
    /// "Regex.IsMatch about 10^6 times (1,000 × 'lines' (size unknown, assumed 1,000))".
    /// </summary>
    public string Explain()
    {
        var nest = Bounds.IsEmpty ? string.Empty : " (" + string.Join(" × ", Bounds.Select(count => count.Description)) + ")";
        if (HeavyApi is not null)
        {
            return Bounds.IsEmpty ? HeavyApi : $"{HeavyApi} about {Magnitude(Iterations)} times{nest}";
        }

        return Bounds.IsEmpty
            ? $"about {Magnitude(Operations)} operations"
            : $"about {Magnitude(Iterations)} iterations{nest}";
    }

    public override string ToString() => $"{Explain()}; 10^{Log10Operations:0.0} operations" + (Awaits ? "; awaits" : string.Empty) + (DoesIoOrBlocks ? "; I/O" : string.Empty);

    /// <summary>A count as people read it: exact below 10,000 ("1,000"), a power of ten above ("10^8").</summary>
    public static string Magnitude(double count)
    {
        if (count < 10_000)
        {
            return Math.Round(count).ToString("N0", CultureInfo.InvariantCulture);
        }

        return "10^" + Math.Round(Math.Log10(count)).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>An exact count with thousands separators: "600,000".</summary>
    public static string Exact(double count) => Math.Round(count).ToString("N0", CultureInfo.InvariantCulture);
}
