using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using ConcurrencyBench.Harness;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
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

    public override async Task<TrialResult> RunTrialAsync(Side side)
    {
        using var child = ChildProcess.Start(Key, side, Array.Empty<string>());
        var port = int.Parse(await child.ExpectAsync("LISTENING", TimeSpan.FromSeconds(30)), CultureInfo.InvariantCulture);
        var address = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        await LoadGenerator.WarmUpAsync(address, WarmUpRequests, TimeSpan.FromSeconds(10), i => Path(i + 1000));

        await child.SendAsync("go");
        var load = await LoadGenerator.RunAsync(address, new LoadSettings(Connections, Duration, MaxRequests, RequestTimeout), Path, Check);
        await child.SendAsync("stop");
        var result = await child.ReadResultAsync(TimeSpan.FromSeconds(30));

        result.Requests = load.Sent;
        result.Completed = load.Ok + load.Wrong;
        result.Correct = load.Ok;
        result.ElapsedMs = load.ElapsedMs;
        result.RequestsPerSecond = load.Ok / (load.ElapsedMs / 1000.0);
        result.P50Ms = Stats.Quantile(load.Latencies, 0.50);
        result.P99Ms = Stats.Quantile(load.Latencies, 0.99);
        result.Errors = load.Failed + load.TimedOut + load.Wrong;
        result.TimedOut = load.TimedOut;
        result.CutOff = load.CutOff;
        result.Note = load.Ok == 0 ? $"no request completed in {Duration.TotalSeconds:0} s" : null;
        return result;
    }

    public override int RunChild(Side side, IReadOnlyList<string> args)
    {
        ChildOutput.StartWatchdog(TimeSpan.FromSeconds(120));
        using var sampler = new PoolSampler(50);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = Array.Empty<string>() });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/price/{id:int}", side == Side.Before ? new RequestDelegate(Before.PriceEndpoint.HandleAsync) : new RequestDelegate(After.PriceEndpoint.HandleAsync));
        app.StartAsync().GetAwaiter().GetResult();
        var port = new Uri(app.Urls.First()).Port;
        ChildOutput.Send("LISTENING", port.ToString(CultureInfo.InvariantCulture));

        // The parent drives the run through stdin: "go" when the load starts, "stop" when it ends.
        string? line;
        while ((line = Console.In.ReadLine()) is not null && line != "stop")
        {
            if (line == "go")
            {
                sampler.Restart();
            }
        }

        var timeline = sampler.Stop();
        ChildOutput.SendResult(new TrialResult
        {
            Side = side.ToString(),
            PeakThreads = timeline.Max(s => s.Threads),
            Timeline = timeline.ToList(),
        });

        // Handlers still blocked on a starved pool would hold up a graceful shutdown.
        Environment.Exit(0);
        return 0;
    }

    private static string Path(int n) => "/price/" + (n % 1000).ToString(CultureInfo.InvariantCulture);

    private static bool Check(int n, string body)
    {
        var id = n % 1000;
        return body == Before.PriceEndpoint.Body(id, Before.PriceEndpoint.ExpectedPrice(id));
    }
}
