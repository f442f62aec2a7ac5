using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using ConcurrencyBench.Harness;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace ConcurrencyBench.Scenarios;

/// <summary>
/// The server scenarios' machinery: the child process hosts Kestrel on 127.0.0.1 (free port, cold thread pool) and
/// the parent drives one load run against it with the C# load generator.
/// </summary>
public static class KestrelServer
{
    /// <summary>
    /// Parent side: starts a child serving <paramref name="side"/>, warms it up with sequential requests, runs one load
    /// burst and returns what the load generator and the child's pool sampler saw.
    /// </summary>
    public static async Task<TrialResult> MeasureAsync(
        string scenarioKey,
        Side side,
        LoadSettings settings,
        int warmUpRequests,
        Func<int, string> path,
        Func<int, string, bool> check)
    {
        using var child = ChildProcess.Start(scenarioKey, side, Array.Empty<string>());
        var port = int.Parse(await child.ExpectAsync("LISTENING", TimeSpan.FromSeconds(30)), CultureInfo.InvariantCulture);
        var address = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        await LoadGenerator.WarmUpAsync(address, warmUpRequests, TimeSpan.FromSeconds(10), i => path(i + 1000));

        await child.SendAsync("go");
        var load = await LoadGenerator.RunAsync(address, settings, path, check);
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
        result.Note = load.Ok == 0 ? $"no request completed in {settings.Duration.TotalSeconds:0.#} s" : null;
        return result;
    }

    /// <summary>
    /// Child side: serves the endpoints <paramref name="map"/> registers until the parent says "stop", sampling the
    /// thread pool from "go" on, then writes the result line and ends the process.
    /// </summary>
    public static int Serve(Side side, Action<WebApplication> map)
    {
        ChildOutput.StartWatchdog(TimeSpan.FromSeconds(120));
        using var sampler = new PoolSampler(50);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = Array.Empty<string>() });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        map(app);
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
}
