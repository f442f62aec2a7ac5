using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;
using ConcurrencyBench.Harness;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Before = ConcurrencyBench.Pairs.CONC0101.Before;
using After = ConcurrencyBench.Pairs.CONC0101.After;

namespace ConcurrencyBench.Scenarios;

/// <summary>
/// CONC0101: an async ASP.NET Core handler that reads <c>.Result</c> of a downstream call, under load. Kestrel runs in a
/// fresh child process (cold thread pool) bound to 127.0.0.1 on a free port; the load generator runs in the parent.
/// </summary>
public sealed class ServerSyncOverAsyncScenario : Scenario
{
    private const int Connections = 100;
    private const int WarmUpRequests = 10;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(2);
    private const int MaxRequests = 100_000;

    public ServerSyncOverAsyncScenario()
        : base("CONC0101", "server")
    {
    }

    public override string Title => $"Kestrel handler, {Connections} connections, {Duration.TotalSeconds:0} s burst";

    public override string Description =>
        $"GET /price/{{id}} on Kestrel (127.0.0.1, cold thread pool): the async handler calls a downstream service that answers in "
        + $"{Before.PriceEndpoint.DownstreamDelayMs} ms (PriceEndpoint.HandleAsync). A C# load generator keeps {Connections} requests in "
        + $"flight for {Duration.TotalSeconds:0} s (at most {MaxRequests:N0} requests, {RequestTimeout.TotalSeconds:0} s timeout each) after "
        + $"{WarmUpRequests} sequential warm-up requests.";

    public override string Change => "GetPriceAsync(id).Result → await GetPriceAsync(id)";

    public override IReadOnlyList<MetricSpec> Metrics => new[]
    {
        new MetricSpec("throughput", "req/s", true, r => r.RequestsPerSecond)
        {
            Primary = true,
            Limit = Connections * 1000.0 / Before.PriceEndpoint.DownstreamDelayMs,
            LimitNote = "connections ÷ downstream time",
        },
        new MetricSpec("p50 latency", "ms", false, r => r.P50Ms) { Limit = Before.PriceEndpoint.DownstreamDelayMs, LimitNote = "downstream time" },
        new MetricSpec("p99 latency", "ms", false, r => r.P99Ms),
        new MetricSpec("errors", "", false, r => r.Errors) { ShowRatio = false },
        new MetricSpec("peak pool threads", "", false, r => r.PeakThreads),
    };

    public override Task<TrialResult> RunTrialAsync(Side side) =>
        KestrelServer.MeasureAsync(Key, side, new LoadSettings(Connections, Duration, MaxRequests, RequestTimeout), WarmUpRequests, Path, Check);

    public override int RunChild(Side side, IReadOnlyList<string> args) =>
        KestrelServer.Serve(side, app => app.MapGet(
            "/price/{id:int}",
            side == Side.Before ? new RequestDelegate(Before.PriceEndpoint.HandleAsync) : new RequestDelegate(After.PriceEndpoint.HandleAsync)));

    private static string Path(int n) => "/price/" + (n % 1000).ToString(CultureInfo.InvariantCulture);

    private static bool Check(int n, string body)
    {
        var id = n % 1000;
        return body == Before.PriceEndpoint.Body(id, Before.PriceEndpoint.ExpectedPrice(id));
    }
}
