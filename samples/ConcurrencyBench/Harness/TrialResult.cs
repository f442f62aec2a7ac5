using System.Collections.Generic;

namespace ConcurrencyBench.Harness;

public enum Side
{
    Before,
    After,
}

/// <summary>What one run of one side of a scenario measured. Fields that do not apply stay at their defaults.</summary>
public sealed class TrialResult
{
    public string Side { get; set; } = "";

    /// <summary>1-based run number of this side.</summary>
    public int Run { get; set; }

    /// <summary>Requests asked for (fan-out) or sent (server).</summary>
    public int Requests { get; set; }

    /// <summary>Requests that finished without an error.</summary>
    public int Completed { get; set; }

    /// <summary>Finished requests whose result was the expected one.</summary>
    public int Correct { get; set; }

    /// <summary>True when the run hit its time cap before every request finished: its time is a lower bound.</summary>
    public bool HitCap { get; set; }

    /// <summary>Wall time of the measured phase.</summary>
    public double ElapsedMs { get; set; }

    /// <summary>Server runs: successful requests per second.</summary>
    public double RequestsPerSecond { get; set; }

    /// <summary>Server runs: latency percentiles of the successful requests (NaN when none succeeded).</summary>
    public double P50Ms { get; set; } = double.NaN;

    public double P99Ms { get; set; } = double.NaN;

    /// <summary>Server runs: failed, timed-out or wrong responses.</summary>
    public int Errors { get; set; }

    /// <summary>Server runs: requests that exceeded the per-request timeout (counted in <see cref="Errors"/>).</summary>
    public int TimedOut { get; set; }

    /// <summary>Server runs: requests still in flight when the load's time bound ended them (not counted as errors).</summary>
    public int CutOff { get; set; }

    /// <summary>Most thread-pool threads seen during the measured phase.</summary>
    public int PeakThreads { get; set; }

    /// <summary>Thread-pool size over the measured phase.</summary>
    public List<PoolSample> Timeline { get; set; } = new();

    /// <summary>Server runs: how many connections the load generator kept busy (0 where that does not apply).</summary>
    public int Connections { get; set; }

    /// <summary>
    /// Runs at several concurrency levels: one result per level, each from its own child process (cold pool), in
    /// ascending order of <see cref="Connections"/>; null for a single-level run.
    /// </summary>
    public List<TrialResult>? Levels { get; set; }

    /// <summary>The result at the given number of connections, if this run measured that level.</summary>
    public TrialResult? Level(int connections) => Levels?.Find(l => l.Connections == connections);

    /// <summary>Counting runs: the count the code must reach (the same loop run sequentially, in the same process).</summary>
    public long Expected { get; set; }

    /// <summary>Counting runs: the count the code under test reached.</summary>
    public long Actual { get; set; }

    /// <summary>CPU-bound runs: the same loop run sequentially on one thread, in the same process (NaN where none ran).</summary>
    public double SequentialMs { get; set; } = double.NaN;

    /// <summary>The cores the child process saw (<see cref="System.Environment.ProcessorCount"/>; 0 where not recorded).</summary>
    public int Cores { get; set; }

    /// <summary>CPU-bound runs: CPU time of the same work run sequentially on one thread, in the same process.</summary>
    public double SequentialCpuMs { get; set; } = double.NaN;

    /// <summary>CPU-bound runs: CPU time of every thread of the process during the measured phase (NaN where not measured).</summary>
    public double CpuMs { get; set; } = double.NaN;

    /// <summary>CPU-bound runs: context switches during the measured phase, voluntary (a thread waited) and not (preempted).</summary>
    public double VoluntarySwitches { get; set; } = double.NaN;

    public double InvoluntarySwitches { get; set; } = double.NaN;

    /// <summary>CPU-bound runs: peak resident memory of the process during the measured phase, in MB.</summary>
    public double PeakMemoryMb { get; set; } = double.NaN;

    /// <summary>Burst runs: the median time from the start of the burst to the completion of one job.</summary>
    public double JobP50Ms { get; set; } = double.NaN;

    public string? Note { get; set; }

    /// <summary>Tick runs: the longest gap between two ticks of a 1 ms timer on a single-threaded context (NaN where none ran).</summary>
    public double TickMaxGapMs { get; set; } = double.NaN;

    /// <summary>Tick runs: the 99th percentile of the gaps between ticks.</summary>
    public double TickP99GapMs { get; set; } = double.NaN;

    /// <summary>Tick runs: the median gap between ticks.</summary>
    public double TickP50GapMs { get; set; } = double.NaN;
}
