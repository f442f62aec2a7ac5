using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using ConcurrencyBench.Harness;
using Before = ConcurrencyBench.Pairs.CONC0104.Before;
using After = ConcurrencyBench.Pairs.CONC0104.After;

namespace ConcurrencyBench.Scenarios;

/// <summary>
/// CONC0104: a synchronous minimal-API handler that blocks on a downstream call, under load at several concurrency
/// levels. Every level of every run is its own child process (Kestrel on 127.0.0.1, free port, cold thread pool); the
/// load generator runs in the parent.
/// </summary>
public sealed class SyncHandlerScenario : Scenario
{
    /// <summary>Every level the scenario can measure; the table has rows for the levels a run measured.</summary>
    private static readonly int[] AllLevels = { 1, 16, 64, 256 };

    /// <summary>Quick mode skips 64 connections: three levels still show where the blocking handler collapses.</summary>
    private static readonly int[] QuickLevels = { 1, 16, 256 };

    private const int WarmUpRequests = 10;
    private const int MaxRequests = 100_000;
    private static readonly TimeSpan FullBurst = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan QuickBurst = TimeSpan.FromSeconds(1.5);
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(1);

    private int[] _levels = AllLevels;
    private TimeSpan _burst = FullBurst;

    public SyncHandlerScenario()
        : base("CONC0104", "sync-handler")
    {
    }

    private static int TopLevel => AllLevels[^1];

    public override string Title => $"sync minimal-API handler, {string.Join("/", _levels)} connections, {Seconds(_burst)} s bursts";

    public override string Description =>
        $"GET /stock/{{id}} on Kestrel (127.0.0.1, cold thread pool): a minimal-API handler registered by StockEndpoint.Map calls a "
        + $"downstream service that answers in {Before.StockEndpoint.DownstreamDelayMs} ms; before the fix the handler is a synchronous "
        + $"lambda that reads .Result, after it an async lambda that awaits. At each concurrency level ({string.Join(", ", _levels)} "
        + $"connections) a fresh server process gets {WarmUpRequests} sequential warm-up requests, then the C# load generator keeps that many requests "
        + $"in flight for {Seconds(_burst)} s (at most {MaxRequests:N0} requests, {Seconds(RequestTimeout)} s timeout each). "
        + $"Thread counts are the pool's peak during the burst.";

    public override string Change => "(int id) => Body(id, GetStockAsync(id).Result) → async (int id) => Body(id, await GetStockAsync(id))";

    public override string? Expectation =>
        "no difference at 1 connection (one blocked thread is affordable); from 16 connections on, the blocking handler starves "
        + "the cold pool (lower throughput, a long latency tail, next to nothing at the highest levels) while the async one stays near the limit";

    public override IReadOnlyList<MetricSpec> Metrics => AllLevels.SelectMany(LevelMetrics).ToArray();

    public override void Configure(bool quick)
    {
        _levels = quick ? QuickLevels : AllLevels;
        _burst = quick ? QuickBurst : FullBurst;
    }

    public override async Task<TrialResult> RunTrialAsync(Side side)
    {
        var levels = new List<TrialResult>();
        foreach (var connections in _levels)
        {
            var level = await KestrelServer.MeasureAsync(
                Key, side, new LoadSettings(connections, _burst, MaxRequests, RequestTimeout), WarmUpRequests, Path, Check);
            level.Connections = connections;
            levels.Add(level);
        }

        // The run as a whole: the request counts cover every level (all of them are checked); the measurements are
        // those of the busiest level, whose pool timeline the threads chart shows. The metrics read the levels.
        var top = levels[^1];
        return new TrialResult
        {
            Side = side.ToString(),
            Connections = top.Connections,
            Requests = levels.Sum(l => l.Requests),
            Completed = levels.Sum(l => l.Completed),
            Correct = levels.Sum(l => l.Correct),
            ElapsedMs = top.ElapsedMs,
            RequestsPerSecond = top.RequestsPerSecond,
            P50Ms = top.P50Ms,
            P99Ms = top.P99Ms,
            Errors = top.Errors,
            TimedOut = top.TimedOut,
            CutOff = top.CutOff,
            PeakThreads = top.PeakThreads,
            Timeline = top.Timeline,
            Levels = levels,
            Note = "by connections: "
                + string.Join(", ", levels.Select(l => $"{l.Connections} → {Report.WithUnit(l.RequestsPerSecond, "req/s")} ({l.PeakThreads} threads)")),
        };
    }

    public override int RunChild(Side side, IReadOnlyList<string> args) =>
        KestrelServer.Serve(side, app =>
        {
            if (side == Side.Before)
            {
                Before.StockEndpoint.Map(app);
            }
            else
            {
                After.StockEndpoint.Map(app);
            }
        });

    private static IEnumerable<MetricSpec> LevelMetrics(int connections)
    {
        var name = connections.ToString(CultureInfo.InvariantCulture) + (connections == 1 ? " conn: " : " conns: ");
        double Read(TrialResult run, Func<TrialResult, double> value) => run.Level(connections) is { } level ? value(level) : double.NaN;
        return new[]
        {
            new MetricSpec(name + "throughput", "req/s", true, r => Read(r, l => l.RequestsPerSecond))
            {
                Primary = connections == TopLevel,
                Level = connections,
                OnlyWhenMeasured = true,
                Limit = connections * 1000.0 / Before.StockEndpoint.DownstreamDelayMs,
                LimitNote = "connections ÷ downstream time",
            },
            new MetricSpec(name + "p50 latency", "ms", false, r => Read(r, l => l.P50Ms))
            {
                Level = connections,
                OnlyWhenMeasured = true,
                Limit = Before.StockEndpoint.DownstreamDelayMs,
                LimitNote = "downstream time",
            },
            new MetricSpec(name + "p99 latency", "ms", false, r => Read(r, l => l.P99Ms)) { Level = connections, OnlyWhenMeasured = true },
            new MetricSpec(name + "errors", "", false, r => Read(r, l => l.Errors)) { Level = connections, OnlyWhenMeasured = true, ShowRatio = false },
            new MetricSpec(name + "peak pool threads", "", false, r => Read(r, l => l.PeakThreads)) { Level = connections, OnlyWhenMeasured = true },
        };
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Path(int n) => "/stock/" + (n % 1000).ToString(CultureInfo.InvariantCulture);

    private static bool Check(int n, string body)
    {
        var id = n % 1000;
        return body == Before.StockEndpoint.Body(id, Before.StockEndpoint.ExpectedStock(id));
    }
}
