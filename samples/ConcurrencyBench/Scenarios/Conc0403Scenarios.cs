using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ConcurrencyBench.Harness;
using Before = ConcurrencyBench.Pairs.CONC0403.Before;
using After = ConcurrencyBench.Pairs.CONC0403.After;

namespace ConcurrencyBench.Scenarios;

/// <summary>
/// CONC0403: a burst of CPU-bound jobs queued to the thread pool after start-up code raised the pool's minimum to 256,
/// against the fix's minimum of Environment.ProcessorCount (the runtime default).
/// </summary>
public sealed class MinThreadsBurstScenario : CpuWorkloadScenario
{
    public const int Jobs = 128;
    public const int RowsPerJob = 16;
    public const int Width = 1600;
    public const int MaxIterations = 256;

    private const int Height = Jobs * RowsPerJob;

    public MinThreadsBurstScenario()
        : base("CONC0403", "min-threads-burst")
    {
    }

    public override string Title => $"{Jobs} CPU-bound jobs queued at once after SetMinThreads(256, 256)";

    public override string Description =>
        $"WorkerHost.ConfigureThreadPool runs first in the process; then {Jobs} jobs (each {RowsPerJob} rows of a {Width}×{Height} Mandelbrot image, "
        + $"up to {MaxIterations} iterations a pixel) are queued to the pool at once with Task.Run and awaited together. "
        + "Besides the totals, each job's completion time from the start of the burst is recorded (its median is the job p50). "
        + "Each run also computes the rows on one thread (best of 3): the expected checksum, and time ÷ cores as the limit.";

    public override string Change => "ThreadPool.SetMinThreads(256, 256) → ThreadPool.SetMinThreads(Environment.ProcessorCount, Environment.ProcessorCount)";

    public override string? Expectation =>
        "the same CPU work either way; with a minimum of 256 the pool starts a thread per job at once, so the jobs share the cores "
        + "in time slices and finish together at the end, instead of one after another";

    protected override IEnumerable<MetricSpec> ExtraMetrics => new[]
    {
        new MetricSpec("job p50", "ms", false, r => r.JobP50Ms),
    };

    protected override void Configure(Side side)
    {
        if (side == Side.Before)
        {
            Before.WorkerHost.ConfigureThreadPool();
        }
        else
        {
            After.WorkerHost.ConfigureThreadPool();
        }
    }

    protected override long Run(Side side, TrialResult result)
    {
        var done = new double[Jobs];
        var started = Stopwatch.GetTimestamp();
        var jobs = new Task<long>[Jobs];
        for (var i = 0; i < Jobs; i++)
        {
            var row = i;
            jobs[i] = Task.Run(() =>
            {
                var sum = Job(row);
                done[row] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                return sum;
            });
        }

        Task.WaitAll(jobs);
        result.JobP50Ms = Stats.Quantile(done.OrderBy(d => d).ToArray(), 0.5);
        return jobs.Sum(job => job.Result);
    }

    protected override void WarmUp(Side side)
    {
        for (var i = 0; i < 4; i++)
        {
            Task.Run(() => MandelbrotRow(i, Width / 8, Height, MaxIterations)).Wait();
        }
    }

    protected override long RunSequentially()
    {
        long sum = 0;
        for (var job = 0; job < Jobs; job++)
        {
            sum += Job(job);
        }

        return sum;
    }

    private static long Job(int job)
    {
        long sum = 0;
        for (var row = job * RowsPerJob; row < (job + 1) * RowsPerJob; row++)
        {
            sum += MandelbrotRow(row, Width, Height, MaxIterations);
        }

        return sum;
    }
}
