using ConcurrencyBench.Harness;
using Before = ConcurrencyBench.Pairs.CONC0404.Before;
using After = ConcurrencyBench.Pairs.CONC0404.After;

namespace ConcurrencyBench.Scenarios;

/// <summary>
/// CONC0404: a Mandelbrot image rendered with a Parallel.For over the pixels of each row nested in a Parallel.For over
/// the rows, against the fix's sequential inner loop.
/// </summary>
public sealed class NestedParallelScenario : CpuWorkloadScenario
{
    public const int Width = 1600;
    public const int Height = 800;

    public NestedParallelScenario()
        : base("CONC0404", "nested-parallel")
    {
    }

    public override string Title => $"Mandelbrot {Width}×{Height}: Parallel.For over pixels nested in Parallel.For over rows";

    public override string Description =>
        $"MandelbrotRenderer.Render fills a {Width}×{Height} image (up to {Before.MandelbrotRenderer.MaxIterations} iterations a pixel) with a Parallel.For "
        + "over the rows whose body runs a Parallel.For over the row's pixels; the fix runs the inner loop as a plain for. "
        + "Each run also renders the image on one thread (best of 3): its checksum is the expected one, its time ÷ cores the limit.";

    public override string Change => "inner Parallel.For(0, row.Length, x => ...) → for (int x = 0; x < row.Length; x++)";

    public override string? Expectation =>
        "the outer loop alone already keeps every core busy; the inner one adds a task, a partitioner and a wait for every row";

    protected override long Run(Side side, TrialResult result) => Render(side, Height);

    protected override void WarmUp(Side side) => Render(side, 40);

    protected override long RunSequentially() => MandelbrotImage(Width, Height, Before.MandelbrotRenderer.MaxIterations);

    /// <summary>Renders an image of <paramref name="rows"/> rows (the full height in the measured phase) and sums its pixels.</summary>
    private static long Render(Side side, int rows) =>
        RenderImage(rows, Width, side == Side.Before ? Before.MandelbrotRenderer.Render : After.MandelbrotRenderer.Render);
}
