using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ConcurrencyBench.Harness;
using Before = ConcurrencyBench.Pairs.CONC0401.Before;
using After = ConcurrencyBench.Pairs.CONC0401.After;

namespace ConcurrencyBench.Scenarios;

/// <summary>
/// CONC0401: a Mandelbrot image rendered with a thread per row (started, kept in a list, joined), against the fix's
/// Parallel.ForEach over the rows.
/// </summary>
public sealed class ThreadPerItemScenario : CpuWorkloadScenario
{
    public const int Width = 1600;
    public const int Height = 800;

    public ThreadPerItemScenario()
        : base("CONC0401", "thread-per-row")
    {
    }

    public override string Title => $"Mandelbrot {Width}×{Height}: a thread per row, started and joined";

    public override string Description =>
        $"ThreadPerRowRenderer.Render fills a {Width}×{Height} image (up to {Before.ThreadPerRowRenderer.MaxIterations} iterations a pixel) "
        + $"by starting a new Thread for each of its {Height} rows and joining them all; the fix runs Parallel.ForEach over the rows. "
        + "Each run also renders the image on one thread (best of 3): its checksum is the expected one, its time ÷ cores the limit.";

    public override string Change => "a Thread per row + Join → Parallel.ForEach(lines, line => Fill(line, height))";

    public override string? Expectation =>
        "the same CPU work; a thread per row adds a creation, a stack and a share of every time slice for each of the rows";

    protected override long Run(Side side, TrialResult result) => Render(side, Height);

    protected override void WarmUp(Side side) => Render(side, 16);

    protected override long RunSequentially() => MandelbrotImage(Width, Height, Before.ThreadPerRowRenderer.MaxIterations);

    private static long Render(Side side, int rows)
    {
        if (side == Side.Before)
        {
            var lines = Enumerable.Range(0, rows).Select(y => new Before.ScanLine(y, Width)).ToArray();
            Before.ThreadPerRowRenderer.Render(lines);
            return lines.Sum(line => line.Pixels.Sum(v => (long)v));
        }

        var fixedLines = Enumerable.Range(0, rows).Select(y => new After.ScanLine(y, Width)).ToArray();
        After.ThreadPerRowRenderer.Render(fixedLines);
        return fixedLines.Sum(line => line.Pixels.Sum(v => (long)v));
    }
}

/// <summary>
/// CONC0401, the other shapes the rule reports on the same workload (no pair: the fix rewrites only the thread-per-item
/// loop that starts and joins, so "after" is that fix's Parallel.ForEach): a LongRunning task per row, or a fixed 64 threads.
/// </summary>
public abstract class ThreadShapeScenario : CpuWorkloadScenario
{
    protected ThreadShapeScenario(string name)
        : base("CONC0401", name)
    {
    }

    protected override long Run(Side side, TrialResult result) => Render(side, ThreadPerItemScenario.Height);

    protected override void WarmUp(Side side) => Render(side, 16);

    protected override long RunSequentially()
    {
        long sum = 0;
        for (var y = 0; y < ThreadPerItemScenario.Height; y++)
        {
            sum += MandelbrotRow(y, ThreadPerItemScenario.Width, ThreadPerItemScenario.Height, Before.ThreadPerRowRenderer.MaxIterations);
        }

        return sum;
    }

    /// <summary>The before shape, over lines of an image of <paramref name="height"/> rows.</summary>
    protected abstract void RenderBefore(After.ScanLine[] lines, int height);

    protected static void Fill(After.ScanLine line, int height)
    {
        var pixels = line.Pixels;
        for (var x = 0; x < pixels.Length; x++)
        {
            pixels[x] = Before.ThreadPerRowRenderer.Escape(x, line.Y, pixels.Length, height);
        }
    }

    private long Render(Side side, int rows)
    {
        var lines = Enumerable.Range(0, rows).Select(y => new After.ScanLine(y, ThreadPerItemScenario.Width)).ToArray();
        if (side == Side.Before)
        {
            RenderBefore(lines, rows);
        }
        else
        {
            After.ThreadPerRowRenderer.Render(lines);
        }

        return lines.Sum(line => line.Pixels.Sum(v => (long)v));
    }
}

/// <summary>Task.Factory.StartNew(..., TaskCreationOptions.LongRunning) per row: a dedicated thread per row, as tasks.</summary>
public sealed class LongRunningPerRowScenario : ThreadShapeScenario
{
    public LongRunningPerRowScenario()
        : base("long-running-per-row")
    {
    }

    public override string Title => $"Mandelbrot {ThreadPerItemScenario.Width}×{ThreadPerItemScenario.Height}: a LongRunning task per row";

    public override string Description =>
        $"The image of thread-per-row, rendered with Task.Factory.StartNew(() => Fill(line), TaskCreationOptions.LongRunning) for each of its {ThreadPerItemScenario.Height} rows "
        + "and Task.WaitAll; after: Parallel.ForEach over the rows (what the fix makes of the thread-per-row loop; the rule offers no fix for this shape).";

    public override string Change => "StartNew(..., LongRunning) per row + WaitAll → Parallel.ForEach(lines, line => Fill(line, height))";

    public override string? Expectation => "LongRunning gives each task a thread of its own: the same costs as a thread per row";

    protected override void RenderBefore(After.ScanLine[] lines, int height) =>
        Task.WaitAll(lines.Select(line => Task.Factory.StartNew(() => Fill(line, height), TaskCreationOptions.LongRunning)).ToArray());
}

/// <summary>64 threads, each rendering every 64th row: a constant thread count instead of one per core.</summary>
public sealed class SixtyFourThreadsScenario : ThreadShapeScenario
{
    public const int Threads = 64;

    public SixtyFourThreadsScenario()
        : base("64-threads")
    {
    }

    public override string Title => $"Mandelbrot {ThreadPerItemScenario.Width}×{ThreadPerItemScenario.Height}: {Threads} threads, each every {Threads}th row";

    public override string Description =>
        $"The image of thread-per-row, rendered by {Threads} threads started in a for loop (thread k renders rows k, k + {Threads}, ...) and joined; "
        + "after: Parallel.ForEach over the rows (the rule offers no fix for this shape).";

    public override string Change => $"{Threads} threads over interleaved rows → Parallel.ForEach(lines, line => Fill(line, height))";

    public override string? Expectation => $"fewer threads than one per row, still {Threads / 2}× the cores of a 2-core machine";

    protected override void RenderBefore(After.ScanLine[] lines, int height)
    {
        var threads = new Thread[Threads];
        for (var k = 0; k < Threads; k++)
        {
            var first = k;
            threads[k] = new Thread(() =>
            {
                for (var y = first; y < lines.Length; y += Threads)
                {
                    Fill(lines[y], height);
                }
            });
            threads[k].Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }
    }
}
