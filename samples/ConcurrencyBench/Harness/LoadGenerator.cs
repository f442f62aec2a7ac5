using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace ConcurrencyBench.Harness;

/// <summary>Bounds of one load run: it stops at whichever comes first, the time or the request count.</summary>
public sealed record LoadSettings(int Connections, TimeSpan Duration, int MaxRequests, TimeSpan RequestTimeout);

/// <summary>What the load generator saw.</summary>
public sealed class LoadResult
{
    public int Sent { get; init; }

    public int Ok { get; init; }

    public int Wrong { get; init; }

    public int Failed { get; init; }

    public int TimedOut { get; init; }

    public int CutOff { get; init; }

    public double ElapsedMs { get; init; }

    /// <summary>Latencies of the successful requests, in milliseconds, sorted.</summary>
    public double[] Latencies { get; init; } = Array.Empty<double>();
}

/// <summary>
/// A closed-loop HTTP load generator: <see cref="LoadSettings.Connections"/> workers, each sending its next request
/// when the previous one ends. Loopback only, bounded in requests and in time, and always stops by itself.
/// </summary>
public static class LoadGenerator
{
    public static async Task<LoadResult> RunAsync(Uri baseAddress, LoadSettings settings, Func<int, string> path, Func<int, string, bool> check)
    {
        if (!IPAddress.TryParse(baseAddress.Host, out var address) || !IPAddress.IsLoopback(address))
        {
            throw new ArgumentException("the load generator only sends traffic to loopback addresses.", nameof(baseAddress));
        }

        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = settings.Connections,
            UseProxy = false,
            ConnectTimeout = settings.RequestTimeout,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        };
        using var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        using var deadline = new CancellationTokenSource(settings.Duration);
        var sent = 0;
        var stopwatch = Stopwatch.StartNew();
        var workers = new Task<Counters>[settings.Connections];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = Task.Run(() => WorkerAsync(client, settings, deadline.Token, () => Interlocked.Increment(ref sent), path, check));
        }

        var counters = await Task.WhenAll(workers);
        stopwatch.Stop();
        var latencies = counters.SelectMany(c => c.Latencies).OrderBy(v => v).ToArray();
        return new LoadResult
        {
            Sent = Math.Min(sent, settings.MaxRequests),
            Ok = counters.Sum(c => c.Ok),
            Wrong = counters.Sum(c => c.Wrong),
            Failed = counters.Sum(c => c.Failed),
            TimedOut = counters.Sum(c => c.TimedOut),
            CutOff = counters.Sum(c => c.CutOff),
            ElapsedMs = Math.Min(stopwatch.Elapsed.TotalMilliseconds, settings.Duration.TotalMilliseconds),
            Latencies = latencies,
        };
    }

    /// <summary>Sends <paramref name="count"/> requests one after the other (JIT warm-up without growing the pool).</summary>
    public static async Task WarmUpAsync(Uri baseAddress, int count, TimeSpan timeout, Func<int, string> path)
    {
        using var handler = new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 1 };
        using var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = timeout };
        for (var i = 0; i < count; i++)
        {
            using var response = await client.GetAsync(path(i));
            response.EnsureSuccessStatusCode();
        }
    }

    private static async Task<Counters> WorkerAsync(
        HttpClient client,
        LoadSettings settings,
        CancellationToken deadline,
        Func<int> next,
        Func<int, string> path,
        Func<int, string, bool> check)
    {
        var counters = new Counters();
        while (!deadline.IsCancellationRequested)
        {
            var n = next();
            if (n > settings.MaxRequests)
            {
                break;
            }

            using var request = CancellationTokenSource.CreateLinkedTokenSource(deadline);
            request.CancelAfter(settings.RequestTimeout);
            var start = Stopwatch.GetTimestamp();
            try
            {
                using var response = await client.GetAsync(path(n), request.Token);
                var body = await response.Content.ReadAsStringAsync(request.Token);
                if (!response.IsSuccessStatusCode)
                {
                    counters.Failed++;
                }
                else if (!check(n, body))
                {
                    counters.Wrong++;
                }
                else
                {
                    counters.Ok++;
                    counters.Latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                counters.CutOff++;
            }
            catch (OperationCanceledException)
            {
                counters.TimedOut++;
            }
            catch (HttpRequestException)
            {
                counters.Failed++;
            }
        }

        return counters;
    }

    private sealed class Counters
    {
        public int Ok;
        public int Wrong;
        public int Failed;
        public int TimedOut;
        public int CutOff;
        public readonly List<double> Latencies = new();
    }
}
