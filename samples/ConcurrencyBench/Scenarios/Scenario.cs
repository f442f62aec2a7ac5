using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using ConcurrencyBench.Harness;

namespace ConcurrencyBench.Scenarios;

/// <summary>One number a scenario reports for each run.</summary>
/// <param name="Name">Shown in the table's Metric column.</param>
/// <param name="Unit">Appended to values ("ms", "req/s", "" for counts).</param>
/// <param name="HigherIsBetter">Rates are; times, errors and thread counts are not.</param>
/// <param name="Value">Reads the metric off a run (NaN when the run has no such value).</param>
public sealed record MetricSpec(string Name, string Unit, bool HigherIsBetter, Func<TrialResult, double> Value)
{
    /// <summary>The physical limit the value cannot pass (a floor for times, a ceiling for rates), if one applies.</summary>
    public double? Limit { get; init; }

    /// <summary>
    /// A limit each run measures for itself on this machine (e.g. the sequential time of the same loop ÷ cores); the
    /// row's limit is the median over both sides' runs. Used where <see cref="Limit"/> is null.
    /// </summary>
    public Func<TrialResult, double>? MeasuredLimit { get; init; }

    /// <summary>Where the limit comes from.</summary>
    public string? LimitNote { get; init; }

    /// <summary>True when a run that hit its time cap gives only a bound (its time is at least the cap).</summary>
    public bool BoundedByCap { get; init; }

    /// <summary>Shown only when some run hit its time cap (e.g. how many requests were done by then).</summary>
    public bool OnlyWhenCapped { get; init; }

    /// <summary>For scenarios measured at several concurrency levels: the number of connections the metric belongs to.</summary>
    public int? Level { get; init; }

    /// <summary>Shown only when some run of either side measured it (e.g. a concurrency level the quick mode skips).</summary>
    public bool OnlyWhenMeasured { get; init; }

    /// <summary>False where a ratio means nothing (error counts): the table shows the two values only.</summary>
    public bool ShowRatio { get; init; } = true;

    /// <summary>The scenario's headline metric: the chart shows it, and the correctness note goes on its row.</summary>
    public bool Primary { get; init; }
}

/// <summary>A scenario's own Correctness cell; an <paramref name="Error"/> fails the scenario (exit code 1).</summary>
public sealed record CorrectnessCheck(string Text, string? Error = null);

/// <summary>
/// A before/after comparison of one code fix: the parent process prepares what the runs share (a peer, a file),
/// then runs each side in a fresh child process and reads back a <see cref="TrialResult"/>.
/// </summary>
public abstract class Scenario
{
    protected Scenario(string rule, string name)
    {
        Rule = rule;
        Name = name;
    }

    public string Rule { get; }

    public string Name { get; }

    public string Key => Rule + "/" + Name;

    /// <summary>Short description for the table.</summary>
    public abstract string Title { get; }

    /// <summary>What runs, in a sentence or two.</summary>
    public abstract string Description { get; }

    /// <summary>The code change the fix makes, as "before → after".</summary>
    public abstract string Change { get; }

    /// <summary>What a fair reader should expect, said before measuring (e.g. "neutral").</summary>
    public virtual string? Expectation => null;

    public abstract IReadOnlyList<MetricSpec> Metrics { get; }

    /// <summary>
    /// The Correctness cell, where checking every request's result (the default) does not fit: e.g. a count the
    /// "before" code may get wrong while the fixed code must not. Null keeps the default.
    /// </summary>
    public virtual CorrectnessCheck? CheckCorrectness(IReadOnlyList<TrialResult> before, IReadOnlyList<TrialResult> after) => null;

    /// <summary>Parent side, before the first run: adapts the scenario to the mode (e.g. shorter bursts in quick mode).</summary>
    public virtual void Configure(bool quick)
    {
    }

    /// <summary>Parent side: sets up what every run shares; disposed after the last run.</summary>
    public virtual Task<IAsyncDisposable?> PrepareAsync() => Task.FromResult<IAsyncDisposable?>(null);

    /// <summary>Parent side: one run of one side, in a child process.</summary>
    public abstract Task<TrialResult> RunTrialAsync(Side side);

    /// <summary>Child side: runs one side and writes the result line; returns the exit code.</summary>
    public abstract int RunChild(Side side, IReadOnlyList<string> args);
}
