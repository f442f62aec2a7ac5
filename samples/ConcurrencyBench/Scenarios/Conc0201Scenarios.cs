using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ConcurrencyBench.Harness;
using After = ConcurrencyBench.Pairs.CONC0201.After;
using Before = ConcurrencyBench.Pairs.CONC0201.Before;
using ParallelAfter = ConcurrencyBench.Pairs.CONC0201.ParallelFor.After;
using ParallelBefore = ConcurrencyBench.Pairs.CONC0201.ParallelFor.Before;

namespace ConcurrencyBench.Scenarios;

/// <summary>What the CONC0201 scenarios share: the pair's code, and the same hash loop run on one thread for the limit.</summary>
internal static class Conc0201Work
{
    public static Func<long[], CancellationToken, Task<long[]>> FingerprintAll(Side side) =>
        side == Side.Before ? Before.Fingerprinter.FingerprintAllAsync : After.Fingerprinter.FingerprintAllAsync;

    /// <summary>The pair's hash loop on the calling thread: the expected fingerprint, and the sequential time.</summary>
    public static long Fingerprint(long seed)
    {
        var hash = seed;
        for (var round = 0; round < Before.Fingerprinter.Rounds; round++)
        {
            hash ^= hash >> 31;
            hash *= 0x7fb5d329728ea185;
            hash ^= round;
        }

        return hash;
    }

    public static long[] Seeds(int count) => Enumerable.Range(1, count).Select(i => (long)i * 7919).ToArray();

    /// <summary>Every seed's fingerprint on one thread, best of <paramref name="runs"/>: (expected values, time).</summary>
    public static (long[] Expected, double Ms) Sequential(long[] seeds, int runs)
    {
        var best = double.MaxValue;
        var expected = new long[seeds.Length];
        for (var run = 0; run < runs; run++)
        {
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < seeds.Length; i++)
            {
                expected[i] = Fingerprint(seeds[i]);
            }

            best = Math.Min(best, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return (expected, best);
    }

    /// <summary>JIT warm-up of both the pair's code and the sequential copy, with a pause for tiered compilation.</summary>
    public static void WarmUp(Side side)
    {
        var seeds = Seeds(4);
        for (var round = 0; round < 2; round++)
        {
            FingerprintAll(side)(seeds, CancellationToken.None).GetAwaiter().GetResult();
            Sequential(seeds, 1);
            Thread.Sleep(150);
        }
    }
}

/// <summary>
/// CONC0201 (a): one caller fans <see cref="Items"/> documents out with Task.WhenAll through an async method whose hash
/// loop runs before its first await. Inline, the loops run one after another on the caller's thread; offloaded with
/// Task.Run they spread over the cores.
/// </summary>
public sealed class CpuFanOutScenario : Scenario
{
    public const int Items = 64;
    private const int SequentialRuns = 2;
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(60);

    public CpuFanOutScenario()
        : base("CONC0201", "fan-out")
    {
    }

    public override string Title => $"Task.WhenAll over {Items} documents, each hashed {Before.Fingerprinter.Rounds / 1_000_000}M rounds before its first await";

    public override string Description =>
        $"One caller (the main thread, no synchronization context) awaits Fingerprinter.FingerprintAllAsync over {Items} seeds: "
        + $"Task.WhenAll(seeds.Select(FingerprintAsync)), where each call mixes its seed through {Before.Fingerprinter.Rounds:N0} hash rounds "
        + "and then awaits a 1 ms store. Each run, in a fresh process, also times the same loops on one thread (best of "
        + $"{SequentialRuns}): the expected fingerprints, and the limit, that time ÷ cores.";

    public override string Change => "the hash loop inline → var hash = await Task.Run(() => { ...; return hash; }, cancellationToken)";

    public override string? Expectation =>
        "a speedup close to the core count: inline, the loops run one at a time on the caller's thread before any await is reached";

    public override IReadOnlyList<MetricSpec> Metrics => new[]
    {
        new MetricSpec("time", "ms", false, r => r.ElapsedMs)
        {
            Primary = true,
            MeasuredLimit = r => r.Cores > 0 ? r.SequentialMs / r.Cores : double.NaN,
            LimitNote = "the same loops on one thread ÷ cores, median over the runs of both sides",
        },
        new MetricSpec("peak pool threads", "", false, r => r.PeakThreads),
    };

    public override async Task<TrialResult> RunTrialAsync(Side side)
    {
        using var child = ChildProcess.Start(Key, side, Array.Empty<string>());
        return await child.ReadResultAsync(Cap + TimeSpan.FromSeconds(30));
    }

    public override int RunChild(Side side, IReadOnlyList<string> args)
    {
        ChildOutput.StartWatchdog(Cap);
        Conc0201Work.WarmUp(side);
        var seeds = Conc0201Work.Seeds(Items);
        var (expected, sequentialMs) = Conc0201Work.Sequential(seeds, SequentialRuns);

        using var sampler = new PoolSampler(10);
        sampler.Restart();
        var stopwatch = Stopwatch.StartNew();
        var results = Conc0201Work.FingerprintAll(side)(seeds, CancellationToken.None).GetAwaiter().GetResult();
        stopwatch.Stop();
        var timeline = sampler.Stop();

        ChildOutput.SendResult(new TrialResult
        {
            Side = side.ToString(),
            Requests = Items,
            Completed = results.Length,
            Correct = Enumerable.Range(0, Math.Min(results.Length, expected.Length)).Count(i => results[i] == expected[i]),
            ElapsedMs = stopwatch.Elapsed.TotalMilliseconds,
            SequentialMs = sequentialMs,
            Cores = Environment.ProcessorCount,
            PeakThreads = timeline.Max(s => s.Threads),
            Timeline = timeline.ToList(),
            Note = $"sequential {Report.WithUnit(sequentialMs, "ms")} on one thread",
        });
        return 0;
    }
}

/// <summary>
/// CONC0201 (b): a single-threaded synchronization context (a UI thread) runs a 1 ms timer and, meanwhile, awaits the
/// same fan-out. Inline, the hash loops run on that thread and the timer's ticks wait for them; offloaded, the thread
/// stays free.
/// </summary>
public sealed class UiTicksScenario : Scenario
{
    public const int Items = 32;
    private const int TickMs = 1;
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(60);

    public UiTicksScenario()
        : base("CONC0201", "ui-ticks")
    {
    }

    public override string Title => $"1 ms ticks on a single-threaded context while it awaits {Items} documents";

    public override string Description =>
        "A single-threaded SynchronizationContext (as a UI thread) runs a loop that awaits Task.Delay(1) and records the gap between "
        + $"ticks, and meanwhile awaits Fingerprinter.FingerprintAllAsync over {Items} seeds ({Before.Fingerprinter.Rounds:N0} hash rounds each). "
        + "The gaps are measured while the batch runs, after a JIT warm-up on the same context.";

    public override string Change => "the hash loop inline → var hash = await Task.Run(() => { ...; return hash; }, cancellationToken)";

    public override string? Expectation =>
        "inline, the context's thread runs every loop back to back and the longest gap is the whole batch; offloaded, gaps stay near the 1 ms tick";

    public override IReadOnlyList<MetricSpec> Metrics => new[]
    {
        new MetricSpec("max tick gap", "ms", false, r => r.TickMaxGapMs) { Primary = true, Limit = TickMs, LimitNote = "the tick period" },
        new MetricSpec("p99 tick gap", "ms", false, r => r.TickP99GapMs) { Limit = TickMs, LimitNote = "the tick period" },
        new MetricSpec("p50 tick gap", "ms", false, r => r.TickP50GapMs) { Limit = TickMs, LimitNote = "the tick period" },
        new MetricSpec("batch time", "ms", false, r => r.ElapsedMs),
    };

    public override async Task<TrialResult> RunTrialAsync(Side side)
    {
        using var child = ChildProcess.Start(Key, side, Array.Empty<string>());
        return await child.ReadResultAsync(Cap + TimeSpan.FromSeconds(30));
    }

    public override int RunChild(Side side, IReadOnlyList<string> args)
    {
        ChildOutput.StartWatchdog(Cap);
        var seeds = Conc0201Work.Seeds(Items);
        var (expected, sequentialMs) = Conc0201Work.Sequential(seeds, 1);
        using var ui = new SingleThreadContext();

        // Warm-up on the context itself: the pair's code and the tick loop are compiled before the measured run.
        ui.Run(() => MeasureAsync(side, Conc0201Work.Seeds(4))).GetAwaiter().GetResult();
        Thread.Sleep(150);

        var (results, gaps, elapsedMs) = ui.Run(() => MeasureAsync(side, seeds)).GetAwaiter().GetResult();
        gaps.Sort();
        ChildOutput.SendResult(new TrialResult
        {
            Side = side.ToString(),
            Requests = Items,
            Completed = results.Length,
            Correct = Enumerable.Range(0, Math.Min(results.Length, expected.Length)).Count(i => results[i] == expected[i]),
            ElapsedMs = elapsedMs,
            SequentialMs = sequentialMs,
            Cores = Environment.ProcessorCount,
            TickMaxGapMs = gaps.Count == 0 ? double.NaN : gaps[^1],
            TickP99GapMs = Stats.Quantile(gaps, 0.99),
            TickP50GapMs = Stats.Quantile(gaps, 0.50),
            Note = $"{gaps.Count} ticks; sequential batch {Report.WithUnit(sequentialMs, "ms")} on one thread",
        });
        return 0;
    }

    /// <summary>On the context's thread: starts the ticks, awaits the batch, stops the ticks.</summary>
    private static async Task<(long[] Results, List<double> Gaps, double ElapsedMs)> MeasureAsync(Side side, long[] seeds)
    {
        var stop = false;
        var gaps = new List<double>();
        var ticks = TickAsync();
        var stopwatch = Stopwatch.StartNew();
        var results = await Conc0201Work.FingerprintAll(side)(seeds, CancellationToken.None);
        stopwatch.Stop();
        stop = true;
        await ticks;
        return (results, gaps, stopwatch.Elapsed.TotalMilliseconds);

        async Task TickAsync()
        {
            var last = Stopwatch.GetTimestamp();
            while (!stop)
            {
                await Task.Delay(TickMs);
                var now = Stopwatch.GetTimestamp();
                gaps.Add(Stopwatch.GetElapsedTime(last, now).TotalMilliseconds);
                last = now;
            }
        }
    }
}

/// <summary>
/// CONC0201 (d): a loop with independent iterations over 8M samples, inline in async code, against what the Parallel.For
/// fix makes of it (await Task.Run(() => Parallel.For(...))), with the limit: the same loop on one thread ÷ cores.
/// </summary>
public sealed class DataParallelScenario : Scenario
{
    private const int SequentialRuns = 2;
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(60);

    public DataParallelScenario()
        : base("CONC0201", "data-parallel")
    {
    }

    public override string Title => $"A loop over {ParallelBefore.Calibration.BlockSize / 1_000_000}M independent samples, sequential vs Parallel.For";

    public override string Description =>
        $"Calibration.CalibrateAsync computes {ParallelBefore.Calibration.BlockSize:N0} outputs, each from its own input (square root, cosine, "
        + "logarithm), inline after an await; the other side is the fix's Parallel.For inside Task.Run (Pairs/CONC0201.ParallelFor/After.cs). "
        + $"Each run also times the same loop on one thread (best of {SequentialRuns}): the expected output, and the limit, that time ÷ cores.";

    public override string Change => "for (var i = 0; i < BlockSize; i++) { ... } → await Task.Run(() => Parallel.For(0, BlockSize, i => { ... }), cancellationToken)";

    public override string? Expectation => "close to the core count, against a limit of the sequential time ÷ cores";

    public override IReadOnlyList<MetricSpec> Metrics => new[]
    {
        new MetricSpec("time", "ms", false, r => r.ElapsedMs)
        {
            Primary = true,
            MeasuredLimit = r => r.Cores > 0 ? r.SequentialMs / r.Cores : double.NaN,
            LimitNote = "the same loop on one thread ÷ cores, median over the runs of both sides",
        },
        new MetricSpec("peak pool threads", "", false, r => r.PeakThreads),
    };

    public override async Task<TrialResult> RunTrialAsync(Side side)
    {
        using var child = ChildProcess.Start(Key, side, Array.Empty<string>());
        return await child.ReadResultAsync(Cap + TimeSpan.FromSeconds(30));
    }

    public override int RunChild(Side side, IReadOnlyList<string> args)
    {
        ChildOutput.StartWatchdog(Cap);
        Func<double[], double[], CancellationToken, Task> calibrate = side == Side.Before
            ? ParallelBefore.Calibration.CalibrateAsync
            : ParallelAfter.Calibration.CalibrateAsync;
        var size = ParallelBefore.Calibration.BlockSize;
        var samples = new double[size];
        for (var i = 0; i < size; i++)
        {
            samples[i] = ((i * 37) % 10_007) - 5_000.5;
        }

        var calibrated = new double[size];
        var expected = new double[size];

        // JIT warm-up: the pair's code once, the sequential copy once, then a pause for tiered compilation.
        calibrate(samples, calibrated, CancellationToken.None).GetAwaiter().GetResult();
        Sequential(samples, expected);
        Thread.Sleep(150);

        var sequentialMs = double.MaxValue;
        for (var run = 0; run < SequentialRuns; run++)
        {
            var started = Stopwatch.GetTimestamp();
            Sequential(samples, expected);
            sequentialMs = Math.Min(sequentialMs, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        Array.Clear(calibrated);
        using var sampler = new PoolSampler(10);
        sampler.Restart();
        var stopwatch = Stopwatch.StartNew();
        calibrate(samples, calibrated, CancellationToken.None).GetAwaiter().GetResult();
        stopwatch.Stop();
        var timeline = sampler.Stop();

        ChildOutput.SendResult(new TrialResult
        {
            Side = side.ToString(),
            Requests = 1,
            Completed = 1,
            Correct = calibrated.AsSpan().SequenceEqual(expected) ? 1 : 0,
            ElapsedMs = stopwatch.Elapsed.TotalMilliseconds,
            SequentialMs = sequentialMs,
            Cores = Environment.ProcessorCount,
            PeakThreads = timeline.Max(s => s.Threads),
            Timeline = timeline.ToList(),
            Note = $"sequential {Report.WithUnit(sequentialMs, "ms")} on one thread",
        });
        return 0;
    }

    /// <summary>The pair's loop body, on one thread.</summary>
    private static void Sequential(double[] samples, double[] output)
    {
        for (var i = 0; i < samples.Length; i++)
        {
            var x = samples[i];
            output[i] = (Math.Sqrt(Math.Abs(x)) * Math.Cos(x * 0.001)) + Math.Log(1.0 + (x * x));
        }
    }
}

/// <summary>A synchronization context with one thread that runs every posted callback in turn, as a UI thread does.</summary>
internal sealed class SingleThreadContext : SynchronizationContext, IDisposable
{
    private readonly System.Collections.Concurrent.BlockingCollection<(SendOrPostCallback Callback, object? State)> _queue = new();
    private readonly Thread _thread;

    public SingleThreadContext()
    {
        _thread = new Thread(Pump) { IsBackground = true, Name = "ui" };
        _thread.Start();
    }

    public override void Post(SendOrPostCallback d, object? state) => _queue.Add((d, state));

    public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException("The bench only posts to the context.");

    /// <summary>Starts <paramref name="work"/> on the context's thread and returns its task.</summary>
    public Task<T> Run<T>(Func<Task<T>> work)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(
            async _ =>
            {
                try
                {
                    completion.SetResult(await work());
                }
                catch (Exception exception)
                {
                    completion.SetException(exception);
                }
            },
            null);
        return completion.Task;
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        _thread.Join(TimeSpan.FromSeconds(5));
        _queue.Dispose();
    }

    private void Pump()
    {
        SetSynchronizationContext(this);
        foreach (var (callback, state) in _queue.GetConsumingEnumerable())
        {
            callback(state);
        }
    }
}
