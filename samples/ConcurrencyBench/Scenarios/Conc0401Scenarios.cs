using System.Linq;
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

    protected override long RunSequentially()
    {
        long sum = 0;
        for (var y = 0; y < Height; y++)
        {
            sum += MandelbrotRow(y, Width, Height, Before.ThreadPerRowRenderer.MaxIterations);
        }

        return sum;
    }

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
