using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ConcurrencyBench.Harness;

namespace ConcurrencyBench.Scenarios;

/// <summary>The code one side of a fan-out scenario runs, set up in the child process.</summary>
public sealed class FanOutWork : IDisposable
{
    public FanOutWork(Func<int, Task<long>> request, Func<int, long> expected, Action? dispose = null)
    {
        Request = request;
        Expected = expected;
        _dispose = dispose;
    }

    private readonly Action? _dispose;

    /// <summary>Request number i (0-based); request number N (one past the last) is the warm-up.</summary>
    public Func<int, Task<long>> Request { get; }

    public Func<int, long> Expected { get; }

    public void Dispose() => _dispose?.Invoke();
}

/// <summary>
/// N concurrent requests dispatched to the thread pool at once (as a server hands requests to the pool), each running
/// the pair's code; the run's time is from the first dispatch to the last completion, on a cold pool.
/// </summary>
public abstract class FanOutScenario : Scenario
{
    protected FanOutScenario(string rule, string name)
        : base(rule, name)
    {
    }

    /// <summary>How many requests run at once.</summary>
    public abstract int Requests { get; }

    /// <summary>A run that has not finished by then stops and reports a lower bound.</summary>
    public virtual int CapMs => 8_000;

    /// <summary>The least time the requests can take, whatever the threads do (null when no such floor applies).</summary>
    protected abstract double? LimitMs { get; }

    protected abstract string? LimitNote { get; }

    public override IReadOnlyList<MetricSpec> Metrics => new[]
    {
        new MetricSpec("time", "ms", false, r => r.ElapsedMs) { Primary = true, BoundedByCap = true, Limit = LimitMs, LimitNote = LimitNote },
        new MetricSpec("requests done", "", true, r => r.Completed) { ShowRatio = false, OnlyWhenCapped = true },
        new MetricSpec("peak pool threads", "", false, r => r.PeakThreads),
    };

    /// <summary>Parent side: extra arguments for the child (a port, a path) that <see cref="PrepareAsync"/> made.</summary>
    protected virtual IEnumerable<string> ChildArguments => Array.Empty<string>();

    /// <summary>Child side: builds the work of one side.</summary>
    protected abstract FanOutWork CreateWork(Side side, IReadOnlyList<string> args);

    public override async Task<TrialResult> RunTrialAsync(Side side)
    {
        using var child = ChildProcess.Start(Key, side, ChildArguments);
        return await child.ReadResultAsync(TimeSpan.FromMilliseconds(CapMs + 30_000));
    }

    public override int RunChild(Side side, IReadOnlyList<string> args)
    {
        ChildOutput.StartWatchdog(TimeSpan.FromMilliseconds(CapMs + 20_000));
        using var work = CreateWork(side, args);

        // JIT warm-up: one request, waited for on this thread (the main thread, not a pool thread).
        work.Request(Requests).GetAwaiter().GetResult();

        using var sampler = new PoolSampler(10);
        sampler.Restart();
        var stopwatch = Stopwatch.StartNew();
        var tasks = new Task<long>[Requests];
        for (var i = 0; i < tasks.Length; i++)
        {
            var item = i;
            tasks[i] = Task.Run(() => work.Request(item));
        }

        var all = Task.WhenAll(tasks);
        var finished = ((IAsyncResult)all).AsyncWaitHandle.WaitOne(CapMs);
        stopwatch.Stop();
        var timeline = sampler.Stop();

        var completed = tasks.Count(t => t.IsCompletedSuccessfully);
        var correct = Enumerable.Range(0, tasks.Length).Count(i => tasks[i].IsCompletedSuccessfully && tasks[i].Result == work.Expected(i));
        var failed = tasks.FirstOrDefault(t => t.IsFaulted)?.Exception?.GetBaseException();
        ChildOutput.SendResult(new TrialResult
        {
            Side = side.ToString(),
            Requests = tasks.Length,
            Completed = completed,
            Correct = correct,
            HitCap = !finished,
            ElapsedMs = finished ? stopwatch.Elapsed.TotalMilliseconds : CapMs,
            PeakThreads = timeline.Max(s => s.Threads),
            Timeline = timeline.ToList(),
            Note = failed is null
                ? (finished ? null : $"{completed} of {tasks.Length} requests done when the {CapMs / 1000.0:0.#} s cap ended the run")
                : "first failure: " + failed.GetType().Name + ": " + failed.Message,
        });

        // Requests still blocked on the pool are abandoned with the process.
        Environment.Exit(0);
        return 0;
    }

    protected static string Arg(IReadOnlyList<string> args, int index, string name) =>
        index < args.Count ? args[index] : throw new ArgumentException($"child: missing argument '{name}'.");

    protected static int IntArg(IReadOnlyList<string> args, int index, string name) =>
        int.Parse(Arg(args, index, name), CultureInfo.InvariantCulture);
}
