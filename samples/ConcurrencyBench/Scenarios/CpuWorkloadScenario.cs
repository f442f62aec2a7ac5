using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ConcurrencyBench.Harness;

namespace ConcurrencyBench.Scenarios;

/// <summary>
/// A fixed CPU-bound workload run in one shape (before) and in the shape a CONC04xx fix gives it (after). Each run, in a
/// fresh process, also runs the same work on one thread (best of a few): its checksum is the one both sides must reach,
/// and its time ÷ cores is the limit no thread count can beat. Besides wall time, a run records the CPU time of every
/// thread, context switches, the pool's peak thread count and peak resident memory (see <see cref="ProcessUsage"/>).
/// </summary>
public abstract class CpuWorkloadScenario : Scenario
{
    private const int SequentialRuns = 3;
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(60);

    protected CpuWorkloadScenario(string rule, string name)
        : base(rule, name)
    {
    }

    public override IReadOnlyList<MetricSpec> Metrics => new[]
    {
        new MetricSpec("time", "ms", false, r => r.ElapsedMs)
        {
            Primary = true,
            MeasuredLimit = r => r.Cores > 0 ? r.SequentialMs / r.Cores : double.NaN,
            LimitNote = "the same work on one thread ÷ cores, median over the runs of both sides",
        },
        new MetricSpec("CPU time", "ms", false, r => r.CpuMs)
        {
            MeasuredLimit = r => r.SequentialCpuMs,
            LimitNote = "CPU time of the same work on one thread (the fastest sequential run): what the work itself needs",
        },
        new MetricSpec("voluntary context switches", "", false, r => r.VoluntarySwitches),
        new MetricSpec("involuntary context switches", "", false, r => r.InvoluntarySwitches),
        new MetricSpec("peak pool threads", "", false, r => r.PeakThreads),
        new MetricSpec("peak memory", "MB", false, r => r.PeakMemoryMb),
    }.Concat(ExtraMetrics).ToArray();

    /// <summary>Rows a scenario adds below the common ones.</summary>
    protected virtual IEnumerable<MetricSpec> ExtraMetrics => Array.Empty<MetricSpec>();

    /// <summary>Child side, first thing in the process: whatever the side changes globally (the pool's minimum).</summary>
    protected virtual void Configure(Side side)
    {
    }

    /// <summary>The measured phase: the workload in this side's shape; returns its checksum.</summary>
    protected abstract long Run(Side side, TrialResult result);

    /// <summary>A small run of the side's shape, so the JIT has compiled it before the measured phase.</summary>
    protected abstract void WarmUp(Side side);

    /// <summary>The same work on the calling thread; returns the checksum both sides must reach.</summary>
    protected abstract long RunSequentially();

    public override async Task<TrialResult> RunTrialAsync(Side side)
    {
        using var child = ChildProcess.Start(Key, side, Array.Empty<string>());
        return await child.ReadResultAsync(Cap + TimeSpan.FromSeconds(30));
    }

    public override int RunChild(Side side, IReadOnlyList<string> args)
    {
        ChildOutput.StartWatchdog(Cap);
        Configure(side);
        for (var round = 0; round < 2; round++)
        {
            WarmUp(side);
            Thread.Sleep(150); // lets tiered compilation promote the hot methods
        }

        var sequentialMs = double.MaxValue;
        var sequentialCpuMs = double.NaN;
        long expected = 0;
        for (var run = 0; run < SequentialRuns; run++)
        {
            var cpuBefore = ProcessUsage.Take().CpuMs;
            var started = Stopwatch.GetTimestamp();
            expected = RunSequentially();
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (elapsed < sequentialMs)
            {
                sequentialMs = elapsed;
                sequentialCpuMs = ProcessUsage.Take().CpuMs - cpuBefore;
            }
        }

        var result = new TrialResult { Side = side.ToString() };
        using var sampler = new PoolSampler(10);
        ProcessUsage.ResetPeakMemory();
        var usageBefore = ProcessUsage.Take();
        sampler.Restart();
        var stopwatch = Stopwatch.StartNew();
        var actual = Run(side, result);
        stopwatch.Stop();
        var timeline = sampler.Stop();
        var usageAfter = ProcessUsage.Take();

        result.ElapsedMs = stopwatch.Elapsed.TotalMilliseconds;
        result.CpuMs = usageAfter.CpuMs - usageBefore.CpuMs;
        result.VoluntarySwitches = usageAfter.VoluntarySwitches - usageBefore.VoluntarySwitches;
        result.InvoluntarySwitches = usageAfter.InvoluntarySwitches - usageBefore.InvoluntarySwitches;
        result.PeakMemoryMb = ProcessUsage.PeakMemoryMb();
        result.Expected = expected;
        result.Actual = actual;
        result.SequentialMs = sequentialMs;
        result.SequentialCpuMs = sequentialCpuMs;
        result.Cores = Environment.ProcessorCount;
        result.PeakThreads = timeline.Max(s => s.Threads);
        result.Timeline = timeline.ToList();
        result.Note = $"{Report.WithUnit(result.ElapsedMs, "ms")} wall, {Report.WithUnit(result.CpuMs, "ms")} CPU, "
            + $"{result.VoluntarySwitches + result.InvoluntarySwitches:N0} context switches; sequential {Report.WithUnit(sequentialMs, "ms")}";
        ChildOutput.SendResult(result);
        return 0;
    }

    /// <summary>Both sides must compute exactly what the sequential run computes, in every run.</summary>
    public override CorrectnessCheck? CheckCorrectness(IReadOnlyList<TrialResult> before, IReadOnlyList<TrialResult> after)
    {
        var runs = before.Concat(after).ToList();
        if (runs.Count == 0)
        {
            return null;
        }

        var wrong = runs.Where(r => r.Actual != r.Expected).ToList();
        var text = $"checksum of every run = the sequential one ({runs.Count} runs)";
        if (wrong.Count == 0)
        {
            return new CorrectnessCheck(text);
        }

        var error = $"{wrong.Count} of {runs.Count} runs computed a different checksum ("
            + string.Join(", ", wrong.Select(r => $"{r.Side}: {r.Actual.ToString(CultureInfo.InvariantCulture)} vs {r.Expected.ToString(CultureInfo.InvariantCulture)}")) + ")";
        return new CorrectnessCheck("ERROR: " + error, error);
    }

    /// <summary>The checksum of a whole Mandelbrot image, row after row on this thread: the expected value and the sequential time.</summary>
    protected static long MandelbrotImage(int width, int height, int maxIterations)
    {
        long sum = 0;
        for (var y = 0; y < height; y++)
        {
            sum += MandelbrotRow(y, width, height, maxIterations);
        }

        return sum;
    }

    /// <summary>Renders a fresh image of <paramref name="rows"/> × <paramref name="width"/> pixels with <paramref name="render"/> and sums its pixels.</summary>
    protected static long RenderImage(int rows, int width, Action<int[][]> render)
    {
        var image = new int[rows][];
        for (var y = 0; y < rows; y++)
        {
            image[y] = new int[width];
        }

        render(image);
        return image.Sum(row => row.Sum(v => (long)v));
    }

    /// <summary>Escape counts of one image row of the Mandelbrot set: pure computation, the same in every run.</summary>
    protected static long MandelbrotRow(int y, int width, int height, int maxIterations)
    {
        long sum = 0;
        var ci = -1.2 + (2.4 * y / height);
        for (var x = 0; x < width; x++)
        {
            var cr = -2.0 + (3.0 * x / width);
            double zr = 0, zi = 0;
            var steps = 0;
            while (steps < maxIterations && (zr * zr) + (zi * zi) <= 4.0)
            {
                var next = (zr * zr) - (zi * zi) + cr;
                zi = (2.0 * zr * zi) + ci;
                zr = next;
                steps++;
            }

            sum += steps;
        }

        return sum;
    }
}
