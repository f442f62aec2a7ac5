using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace ConcurrencyBench.Harness;

/// <summary>One reading of the thread pool: when, how many threads, how many work items waiting.</summary>
public sealed record PoolSample(double Ms, int Threads, long Queued);

/// <summary>
/// Samples <see cref="ThreadPool.ThreadCount"/> on a dedicated thread (not a pool thread: a starved pool must not
/// stop its own observer).
/// </summary>
public sealed class PoolSampler : IDisposable
{
    private readonly int _intervalMs;
    private readonly List<PoolSample> _samples = new();
    private readonly object _gate = new();
    private readonly Thread _thread;
    private long _start = Stopwatch.GetTimestamp();
    private volatile bool _stop;

    public PoolSampler(int intervalMs)
    {
        _intervalMs = intervalMs;
        _thread = new Thread(Loop) { IsBackground = true, Name = "pool sampler" };
        _thread.Start();
    }

    /// <summary>Forgets what was sampled so far and restarts the clock (the measured phase begins).</summary>
    public void Restart()
    {
        lock (_gate)
        {
            _samples.Clear();
            _start = Stopwatch.GetTimestamp();
            Take();
        }
    }

    /// <summary>Stops sampling after one last reading and returns the readings since the last restart.</summary>
    public IReadOnlyList<PoolSample> Stop()
    {
        _stop = true;
        lock (_gate)
        {
            Take();
            return _samples.ToArray();
        }
    }

    public void Dispose() => _stop = true;

    private void Loop()
    {
        while (!_stop)
        {
            lock (_gate)
            {
                if (!_stop)
                {
                    Take();
                }
            }

            Thread.Sleep(_intervalMs);
        }
    }

    private void Take() =>
        _samples.Add(new PoolSample(Stopwatch.GetElapsedTime(_start).TotalMilliseconds, ThreadPool.ThreadCount, ThreadPool.PendingWorkItemCount));
}
