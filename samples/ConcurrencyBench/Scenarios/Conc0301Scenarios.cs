using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ConcurrencyBench.Harness;
using Before = ConcurrencyBench.Pairs.CONC0301.Before;

namespace ConcurrencyBench.Scenarios;

/// <summary>
/// CONC0301: a Parallel.For body that counts into a captured <c>long</c> with <c>count++</c>, against one of the
/// fix's actions (by default <c>Interlocked.Increment(ref count)</c>; also per-thread partial counts and a lock).
/// Each run (a fresh process) also times the same loop sequentially, which gives the count both sides must reach and
/// the limit: sequential time ÷ cores.
/// </summary>
public sealed class SharedCounterScenario : Scenario
{
    private readonly Func<int[], long> _before;
    private readonly Func<int[], long> _after;
    private readonly string _change;
    private readonly string _expectation;
    private readonly string _loop;

    /// <summary>Readings per run: about 48 million of them are valid, so as many increments of one counter.</summary>
    public const int Items = 50_000_000;

    /// <summary>The readings are the same in every run: 0–1023 from a seeded generator, 992 of the 1,024 values valid.</summary>
    private const ulong Seed = 301;

    private const int WarmUpItems = 1_000_000;
    private const int SequentialRuns = 3;
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(60);

    /// <summary>The default action, Interlocked: Pairs/CONC0301.</summary>
    public SharedCounterScenario()
        : this(
            "shared-counter",
            Before.ReadingStats.CountValid,
            Pairs.CONC0301.After.ReadingStats.CountValid,
            "count++ → Interlocked.Increment(ref count)",
            "the fix costs time (every increment becomes a locked instruction on one contended cache line) and buys a count that is "
            + "right; the unsynchronized loop usually loses updates, but may lose none in a run where a core is busy elsewhere")
    {
    }

    private SharedCounterScenario(string name, Func<int[], long> before, Func<int[], long> after, string change, string expectation, string loop = "Parallel.For", string rule = "CONC0301")
        : base(rule, name)
    {
        _before = before;
        _after = after;
        _change = change;
        _expectation = expectation;
        _loop = loop;
    }

    /// <summary>The per-thread partial action: Pairs/CONC0301.ThreadLocal.</summary>
    public static SharedCounterScenario ThreadLocal() => new(
        "shared-counter-thread-local",
        Pairs.CONC0301.ThreadLocal.Before.ReadingStats.CountValid,
        Pairs.CONC0301.ThreadLocal.After.ReadingStats.CountValid,
        "count++ → localInit/localFinally: a partial count per worker, one Interlocked.Add each",
        "the fastest correct form: nothing is shared inside the loop, so it should come close to the limit (sequential time ÷ cores), "
        + "and well ahead of the unsynchronized loop, whose increments fight over one cache line",
        "Parallel.ForEach over Partitioner.Create ranges");

    /// <summary>The lock action: Pairs/CONC0301.Lock.</summary>
    public static SharedCounterScenario Lock() => new(
        "shared-counter-lock",
        Pairs.CONC0301.Lock.Before.ReadingStats.CountValid,
        Pairs.CONC0301.Lock.After.ReadingStats.CountValid,
        "count++ → lock (s_gate) { count++; }",
        "the slowest correct form for a hot counter: every increment takes and releases one contended lock; it is the fix for "
        + "updates Interlocked cannot do (double, decimal, several fields at once)");

    /// <summary>
    /// CONC0303: the same count, made in a method the Parallel.For body calls, on a field another member reads under a
    /// lock; fixed by taking that lock around the increment: Pairs/CONC0303.
    /// </summary>
    public static SharedCounterScenario InconsistentLock() => new(
        "shared-counter-inconsistent-lock",
        Pairs.CONC0303.Before.ReadingStats.CountValid,
        Pairs.CONC0303.After.ReadingStats.CountValid,
        "_count++ → lock (_gate) { _count++; } (the lock Count already takes)",
        "the fix makes the count right and costs time, as a lock per increment on one contended object does; the racing side "
        + "usually loses updates",
        "Parallel.For (calling ReadingStats.Record)",
        "CONC0303");

    /// <summary>
    /// CONC0304: the same count, made by a method of a service registered as a singleton, which the Parallel.For
    /// iterations (standing in for concurrent requests) all call on the one instance; fixed with Interlocked:
    /// Pairs/CONC0304.
    /// </summary>
    public static SharedCounterScenario Singleton() => new(
        "singleton-counter",
        Pairs.CONC0304.Before.ReadingStats.CountValid,
        Pairs.CONC0304.After.ReadingStats.CountValid,
        "_count++ → Interlocked.Increment(ref _count) in the singleton's Record",
        "as for shared-counter: the fix costs time (a locked instruction on one contended cache line per increment) and buys a count "
        + "that is right; the unsynchronized singleton loses updates in most runs, but may lose none in a run where a core is busy elsewhere",
        "Parallel.For (calling Record of a singleton service)",
        "CONC0304");

    public override string Title => $"{_loop} counts {Items / 1_000_000}M readings into one shared long";

    public override string Description =>
        $"{_loop} over {Items:N0} sensor readings (fixed seed, ~97% valid) adds one to a shared long for every valid reading "
        + "(ReadingStats.CountValid): tens of millions of increments of one counter from every core. Each run, in a fresh process, "
        + $"also times the same loop on one thread (best of {SequentialRuns}): its count is the expected one, its time ÷ cores the limit.";

    public override string Change => _change;

    public override string? Expectation => _expectation;

    public override IReadOnlyList<MetricSpec> Metrics => new[]
    {
        new MetricSpec("time", "ms", false, r => r.ElapsedMs)
        {
            Primary = true,
            MeasuredLimit = r => r.Cores > 0 ? r.SequentialMs / r.Cores : double.NaN,
            LimitNote = "the same loop on one thread ÷ cores, median over the runs of both sides",
        },
        new MetricSpec("count", "", true, r => r.Actual)
        {
            ShowRatio = false,
            MeasuredLimit = r => r.Expected,
            LimitNote = "the expected count: the valid readings, as the sequential loop counts them",
        },
        new MetricSpec("lost updates", "", false, r => r.Expected - r.Actual) { ShowRatio = false },
        new MetricSpec("lost updates %", "%", false, r => r.Expected == 0 ? double.NaN : 100.0 * (r.Expected - r.Actual) / r.Expected) { ShowRatio = false },
    };

    public override async Task<TrialResult> RunTrialAsync(Side side)
    {
        using var child = ChildProcess.Start(Key, side, Array.Empty<string>());
        return await child.ReadResultAsync(Cap + TimeSpan.FromSeconds(30));
    }

    public override int RunChild(Side side, IReadOnlyList<string> args)
    {
        ChildOutput.StartWatchdog(Cap);
        var countValid = side == Side.Before ? _before : _after;
        var readings = Readings(Items);

        // JIT warm-up on a separate, smaller batch, twice, with a pause for tiered compilation to promote the loop bodies.
        var warmUp = readings.AsSpan(0, WarmUpItems).ToArray();
        for (var round = 0; round < 2; round++)
        {
            countValid(warmUp);
            CountSequentially(warmUp);
            Thread.Sleep(150);
        }

        // The limit and the expected count: the same loop on one thread. The best of a few runs: a floor.
        var sequentialMs = double.MaxValue;
        long expected = 0;
        for (var run = 0; run < SequentialRuns; run++)
        {
            var started = Stopwatch.GetTimestamp();
            expected = CountSequentially(readings);
            sequentialMs = Math.Min(sequentialMs, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        using var sampler = new PoolSampler(10);
        sampler.Restart();
        var stopwatch = Stopwatch.StartNew();
        var actual = countValid(readings);
        stopwatch.Stop();
        var timeline = sampler.Stop();

        var lost = expected - actual;
        ChildOutput.SendResult(new TrialResult
        {
            Side = side.ToString(),
            ElapsedMs = stopwatch.Elapsed.TotalMilliseconds,
            Expected = expected,
            Actual = actual,
            SequentialMs = sequentialMs,
            Cores = Environment.ProcessorCount,
            PeakThreads = timeline.Max(s => s.Threads),
            Timeline = timeline.ToList(),
            Note = $"counted {actual:N0} of {expected:N0} (lost {lost:N0}, {Percent(lost, expected)}); "
                + $"sequential {Report.WithUnit(sequentialMs, "ms")} on one thread",
        });
        return 0;
    }

    public override CorrectnessCheck? CheckCorrectness(IReadOnlyList<TrialResult> before, IReadOnlyList<TrialResult> after)
    {
        var runs = before.Concat(after).ToList();
        if (runs.Count == 0)
        {
            return null;
        }

        var expected = runs.Select(r => r.Expected).Distinct().ToList();
        if (expected.Count != 1 || expected[0] <= 0)
        {
            var error = "no single expected count over the runs: " + string.Join(", ", expected.Select(e => e.ToString("N0", CultureInfo.InvariantCulture)));
            return new CorrectnessCheck("ERROR: " + error, error);
        }

        var text = $"expected {expected[0]:N0} a run; before {Lost(before)}; after {Lost(after)}";
        var wrongAfter = after.Where(r => r.Actual != r.Expected).ToList();
        if (wrongAfter.Count == 0)
        {
            return new CorrectnessCheck(text);
        }

        var failure = $"the fixed loop miscounted in {wrongAfter.Count} of {after.Count} runs "
            + $"(counted {string.Join(", ", wrongAfter.Select(r => r.Actual.ToString("N0", CultureInfo.InvariantCulture)))} of {expected[0]:N0})";
        return new CorrectnessCheck("ERROR: " + text, failure);
    }

    /// <summary>
    /// How many of one side's runs were off: "exact in 3/3 runs", "lost updates in 2/3 runs" (the rows below the
    /// time give how many, as a number and a percentage).
    /// </summary>
    private static string Lost(IReadOnlyList<TrialResult> runs)
    {
        var lost = runs.Count(r => r.Actual < r.Expected);
        var over = runs.Count(r => r.Actual > r.Expected);
        return lost == 0 && over == 0 ? $"exact in {runs.Count}/{runs.Count} runs"
            : over == 0 ? $"lost updates in {lost}/{runs.Count} runs"
            : $"miscounted in {lost + over}/{runs.Count} runs ({over} over)";
    }

    private static string Percent(double lost, long expected)
    {
        if (expected == 0)
        {
            return "—";
        }

        var percent = 100.0 * lost / expected;
        var format = Math.Abs(percent) >= 10 ? "0.#" : Math.Abs(percent) >= 1 ? "0.##" : "0.###";
        return percent.ToString(format, CultureInfo.InvariantCulture) + "%";
    }

    /// <summary>The same loop as the Parallel.For body, on one thread: the expected count, and the time to divide by the cores.</summary>
    private static long CountSequentially(int[] readings)
    {
        long count = 0;
        for (var i = 0; i < readings.Length; i++)
        {
            if (Before.ReadingStats.IsValid(readings[i]))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>0–1023 from a 64-bit linear congruential generator (its top 10 bits): fast, and the same in every run.</summary>
    private static int[] Readings(int items)
    {
        var state = Seed;
        var readings = new int[items];
        for (var i = 0; i < readings.Length; i++)
        {
            state = unchecked((state * 6364136223846793005UL) + 1442695040888963407UL);
            readings[i] = (int)(state >> 54);
        }

        return readings;
    }
}
