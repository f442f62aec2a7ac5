using System;
using System.Threading;
using System.Threading.Tasks;
using ConcurrencyBench.Harness;
using Before = ConcurrencyBench.Pairs.CONC0402.Before;
using After = ConcurrencyBench.Pairs.CONC0402.After;

namespace ConcurrencyBench.Scenarios;

/// <summary>
/// CONC0402: a Mandelbrot image rendered with a Parallel.For over the rows whose ParallelOptions allow 64 workers,
/// against the fix's Environment.ProcessorCount.
/// </summary>
public sealed class DegreeOfParallelismScenario : CpuWorkloadScenario
{
    public const int Width = 1600;
    public const int Height = 800;

    public DegreeOfParallelismScenario()
        : base("CONC0402", "constant-degree")
    {
    }

    public override string Title => $"Mandelbrot {Width}×{Height}: Parallel.For over rows with MaxDegreeOfParallelism = 64";

    public override string Description =>
        $"TileRenderer.Render fills a {Width}×{Height} image (up to {Before.TileRenderer.MaxIterations} iterations a pixel) with a Parallel.For "
        + "over the rows whose ParallelOptions set MaxDegreeOfParallelism = 64; the fix sets Environment.ProcessorCount. "
        + $"Before the runs the pool is grown to {WarmPoolThreads} idle threads, as in a service after a burst of blocking requests. "
        + "Each run also renders the image on one thread (best of 3): its checksum is the expected one, its time ÷ cores the limit.";

    public override string Change => "MaxDegreeOfParallelism = 64 → MaxDegreeOfParallelism = Environment.ProcessorCount";

    public override string? Expectation =>
        "a cap is not a request: Parallel.For starts workers as the pool gives it threads. On a cold pool (a handful of threads) "
        + "the two sides barely differ; on this warm pool the cap of 64 lets the loop take every idle thread";

    /// <summary>Threads the pool holds before the measured phase, as in a service after a burst of blocking requests.</summary>
    public const int WarmPoolThreads = 64;

    /// <summary>
    /// Both sides: grows the pool to <see cref="WarmPoolThreads"/> idle threads (a burst of short blocking items under a
    /// raised minimum), then puts the minimum back. Idle pool threads live for about 20 s, so the measured phase finds them.
    /// </summary>
    protected override void Configure(Side side)
    {
        ThreadPool.GetMinThreads(out var workers, out var ports);
        ThreadPool.SetMinThreads(WarmPoolThreads, ports);
        using (var barrier = new CountdownEvent(WarmPoolThreads))
        {
            var blocked = new Task[WarmPoolThreads];
            for (var i = 0; i < blocked.Length; i++)
            {
                blocked[i] = Task.Run(() =>
                {
                    barrier.Signal();
                    barrier.Wait(TimeSpan.FromSeconds(5));
                });
            }

            Task.WaitAll(blocked);
        }

        ThreadPool.SetMinThreads(workers, ports);
    }

    protected override long Run(Side side, TrialResult result) => Render(side, Height);

    protected override void WarmUp(Side side) => Render(side, 40);

    protected override long RunSequentially() => MandelbrotImage(Width, Height, Before.TileRenderer.MaxIterations);

    /// <summary>Renders an image of <paramref name="rows"/> rows (the full height in the measured phase) and sums its pixels.</summary>
    private static long Render(Side side, int rows) =>
        RenderImage(rows, Width, side == Side.Before ? Before.TileRenderer.Render : After.TileRenderer.Render);
}
