using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using ConcurrencyBench.Harness;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ConcurrencyBench.Scenarios;

/// <summary>
/// CONC0202 (no code fix, so no pair): an async minimal-API handler that runs about 20 ms of CPU-bound work inline,
/// against the same handler wrapping the work in Task.Run, under load on Kestrel. It measures the advice CONC0202 does
/// not give: in ASP.NET Core, Task.Run only moves the work to another pool thread.
/// </summary>
public sealed class HandlerTaskRunScenario : Scenario
{
    /// <summary>Hash rounds per request: about 20 ms of one core here.</summary>
    public const int Rounds = 12_000_000;

    private const int Ids = 32;
    private const int WarmUpRequests = 10;
    private const int MaxRequests = 100_000;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);
    private static readonly Lazy<long[]> Expected = new(() => Enumerable.Range(0, Ids).Select(id => Score(id)).ToArray());

    private readonly int _connections = 16;
    private double _workMs = double.NaN;
    private TimeSpan _duration = TimeSpan.FromSeconds(2);

    public HandlerTaskRunScenario()
        : base("CONC0202", "handler-task-run")
    {
    }

    public override string Title => $"Kestrel handler with ~20 ms of CPU work, inline vs Task.Run, {_connections} connections";

    public override string Description =>
        $"GET /score/{{id}} on Kestrel (127.0.0.1, cold thread pool): an async minimal-API handler hashes its id through {Rounds:N0} rounds "
        + $"(about 20 ms of one core) and answers with the result. The other side awaits Task.Run around the same call. A C# load generator keeps "
        + $"{_connections} requests in flight for {_duration.TotalSeconds:0.#} s after {WarmUpRequests} sequential warm-up requests; every "
        + "response is checked against the hash computed in the parent.";

    public override string Change => "var score = Score(id) → var score = await Task.Run(() => Score(id)) (what CONC0202 does not suggest)";

    public override string? Expectation =>
        "neutral: a request handler already runs on a pool thread, and Task.Run moves the work to another one (Microsoft's guidance); "
        + "both sides are bound by cores ÷ work time";

    public override IReadOnlyList<MetricSpec> Metrics => new[]
    {
        new MetricSpec("throughput", "req/s", true, r => r.RequestsPerSecond)
        {
            Primary = true,
            MeasuredLimit = r => r.Cores > 0 && r.SequentialMs > 0 ? r.Cores * 1000.0 / r.SequentialMs : double.NaN,
            LimitNote = "cores ÷ one request's work on one thread, median over the runs of both sides",
        },
        new MetricSpec("p50 latency", "ms", false, r => r.P50Ms)
        {
            MeasuredLimit = r => r.SequentialMs,
            LimitNote = "one request's work on one thread",
        },
        new MetricSpec("p99 latency", "ms", false, r => r.P99Ms),
        new MetricSpec("errors", "", false, r => r.Errors) { ShowRatio = false },
        new MetricSpec("peak pool threads", "", false, r => r.PeakThreads),
    };

    public override void Configure(bool quick)
    {
        _duration = quick ? TimeSpan.FromSeconds(0.75) : TimeSpan.FromSeconds(2);
    }

    public override Task<IAsyncDisposable?> PrepareAsync()
    {
        // Computed once in the parent before any run, so checking responses costs the load nothing; and one request's
        // work on one thread (best of 3, after the expected values warmed it up), the limit of both metrics.
        _ = Expected.Value;
        _workMs = double.MaxValue;
        for (var run = 0; run < 3; run++)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            Score(run);
            _workMs = Math.Min(_workMs, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return Task.FromResult<IAsyncDisposable?>(null);
    }

    public override async Task<TrialResult> RunTrialAsync(Side side)
    {
        var result = await KestrelServer.MeasureAsync(Key, side, new LoadSettings(_connections, _duration, MaxRequests, RequestTimeout), WarmUpRequests, Path, Check);
        result.SequentialMs = _workMs;
        result.Cores = Environment.ProcessorCount;
        return result;
    }

    public override int RunChild(Side side, IReadOnlyList<string> args) =>
        KestrelServer.Serve(side, app =>
        {
            if (side == Side.Before)
            {
                app.MapGet("/score/{id:int}", async (int id) =>
                {
                    var score = Score(id);
                    await Task.Yield();
                    return Body(id, score);
                });
            }
            else
            {
                app.MapGet("/score/{id:int}", async (int id) =>
                {
                    var score = await Task.Run(() => Score(id));
                    return Body(id, score);
                });
            }
        });

    /// <summary>The handler's CPU-bound work: a hash of the id through <see cref="Rounds"/> rounds.</summary>
    public static long Score(int id)
    {
        long hash = id + 1;
        for (var round = 0; round < Rounds; round++)
        {
            hash ^= hash >> 31;
            hash *= 0x7fb5d329728ea185;
            hash ^= round;
        }

        return hash;
    }

    private static string Body(int id, long score) => id.ToString(CultureInfo.InvariantCulture) + ":" + score.ToString(CultureInfo.InvariantCulture);

    private static string Path(int n) => "/score/" + (n % Ids).ToString(CultureInfo.InvariantCulture);

    private static bool Check(int n, string body)
    {
        var id = n % Ids;
        return body == Body(id, Expected.Value[id]);
    }
}
