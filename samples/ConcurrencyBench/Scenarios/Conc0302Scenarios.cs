using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ConcurrencyBench.Harness;

namespace ConcurrencyBench.Scenarios;

/// <summary>
/// CONC0302: a Parallel.For body that indexes words into a shared Dictionary with <c>if (!d.ContainsKey(w))
/// d.Add(w, ...)</c>, against one of the fix's actions: a lock around the check and the add (the default), or a
/// ConcurrentDictionary with TryAdd. Each run (a fresh process) also builds the index sequentially, which gives the
/// entry count both sides must reach and the limit: sequential time ÷ cores. The racing side can throw or, with its
/// buckets corrupted, never finish: it is stopped after a cap and reported as such.
/// </summary>
public sealed class SharedIndexScenario : Scenario
{
    /// <summary>Words per run.</summary>
    public const int Items = 4_000_000;

    /// <summary>Distinct words: most iterations find their word already there, as in a real text.</summary>
    public const int Vocabulary = 100_000;

    private const ulong Seed = 302;
    private const int SequentialRuns = 3;
    private static readonly TimeSpan BuildCap = TimeSpan.FromSeconds(15);

    private readonly Func<string[], (int Count, Func<string, int?> Length)> _before;
    private readonly Func<string[], (int Count, Func<string, int?> Length)> _after;
    private readonly string _change;
    private readonly string _expectation;

    private SharedIndexScenario(
        string name,
        Func<string[], (int, Func<string, int?>)> before,
        Func<string[], (int, Func<string, int?>)> after,
        string change,
        string expectation)
        : base("CONC0302", name)
    {
        _before = before;
        _after = after;
        _change = change;
        _expectation = expectation;
    }

    /// <summary>The default action, a lock: Pairs/CONC0302.</summary>
    public static SharedIndexScenario Lock() => new(
        "shared-index-lock",
        words => Build(new Pairs.CONC0302.Before.WordIndex(), words, (i, w) => i.Build(w), i => i.Count, (i, w) => i.TryGetLength(w, out var l) ? l : null),
        words => Build(new Pairs.CONC0302.After.WordIndex(), words, (i, w) => i.Build(w), i => i.Count, (i, w) => i.TryGetLength(w, out var l) ? l : null),
        "if (!d.ContainsKey(w)) d.Add(w, …) → lock (_gate) { if (!d.ContainsKey(w)) d.Add(w, …); }",
        "the lock makes the index right and serialises every iteration, lookups included: expect it slower than the racing "
        + "loop and far from the limit; the racing loop may throw, miss entries or never finish");

    /// <summary>The ConcurrentDictionary action: Pairs/CONC0302.ConcurrentDictionary.</summary>
    public static SharedIndexScenario ConcurrentDictionary() => new(
        "shared-index-concurrent-dictionary",
        words => Build(new Pairs.CONC0302.ConcurrentDictionary.Before.WordIndex(), words, (i, w) => i.Build(w), i => i.Count, (i, w) => i.TryGetLength(w, out var l) ? l : null),
        words => Build(new Pairs.CONC0302.ConcurrentDictionary.After.WordIndex(), words, (i, w) => i.Build(w), i => i.Count, (i, w) => i.TryGetLength(w, out var l) ? l : null),
        "Dictionary + ContainsKey/Add → ConcurrentDictionary + TryAdd",
        "lookups take no lock in a ConcurrentDictionary, so the fixed loop should scale with the cores and come near the "
        + "limit; the racing loop may throw, miss entries or never finish");

    public override string Title => $"Parallel.For indexes {Items / 1_000_000}M words ({Vocabulary / 1000}K distinct) into one shared dictionary";

    public override string Description =>
        $"Parallel.For over {Items:N0} words (fixed seed, {Vocabulary:N0} distinct) checks a shared dictionary with ContainsKey and adds "
        + "each new word with its length (WordIndex.Build). Each run, in a fresh process, also builds the index on one thread "
        + $"(best of {SequentialRuns}): its entry count is the expected one, its time ÷ cores the limit. A build still running after "
        + $"{BuildCap.TotalSeconds:0} s (a corrupted dictionary can loop for ever) is stopped and counted as capped.";

    public override string Change => _change;

    public override string? Expectation => _expectation;

    public override IReadOnlyList<MetricSpec> Metrics => new[]
    {
        new MetricSpec("time", "ms", false, r => r.HitCap || r.Errors > 0 ? double.NaN : r.ElapsedMs)
        {
            Primary = true,
            MeasuredLimit = r => r.Cores > 0 ? r.SequentialMs / r.Cores : double.NaN,
            LimitNote = "the same build on one thread ÷ cores, median over the runs of both sides",
        },
        new MetricSpec("entries", "", true, r => r.HitCap || r.Errors > 0 ? double.NaN : r.Actual)
        {
            ShowRatio = false,
            MeasuredLimit = r => r.Expected,
            LimitNote = "the distinct words, as the sequential build counts them",
        },
        new MetricSpec("failed runs", "", false, r => r.HitCap || r.Errors > 0 ? 1 : 0) { ShowRatio = false },
    };

    public override async Task<TrialResult> RunTrialAsync(Side side)
    {
        using var child = ChildProcess.Start(Key, side, Array.Empty<string>());
        return await child.ReadResultAsync(BuildCap + TimeSpan.FromSeconds(60));
    }

    public override int RunChild(Side side, IReadOnlyList<string> args)
    {
        ChildOutput.StartWatchdog(BuildCap + TimeSpan.FromSeconds(45));
        var build = side == Side.Before ? _before : _after;
        var words = Words(Items);

        // JIT warm-up on a smaller batch, with a pause for tiered compilation (a racing warm-up may fail: ignored).
        var warmUp = words.AsSpan(0, 200_000).ToArray();
        for (var round = 0; round < 2; round++)
        {
            RunCapped(() => build(warmUp), TimeSpan.FromSeconds(5));
            BuildSequentially(warmUp);
            Thread.Sleep(150);
        }

        var sequentialMs = double.MaxValue;
        Dictionary<string, int> expected = new();
        for (var run = 0; run < SequentialRuns; run++)
        {
            var started = Stopwatch.GetTimestamp();
            expected = BuildSequentially(words);
            sequentialMs = Math.Min(sequentialMs, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        using var sampler = new PoolSampler(10);
        sampler.Restart();
        var stopwatch = Stopwatch.StartNew();
        var (finished, result, error) = RunCapped(() => build(words), BuildCap);
        stopwatch.Stop();
        var timeline = sampler.Stop();

        var wrong = 0;
        if (finished && error is null)
        {
            foreach (var pair in expected)
            {
                if (result.Length(pair.Key) != pair.Value)
                {
                    wrong++;
                }
            }
        }

        var outcome = !finished ? $"still running after {BuildCap.TotalSeconds:0} s, stopped"
            : error is not null ? $"threw {error.GetType().Name}: {error.Message}"
            : $"{result.Count:N0} entries of {expected.Count:N0}, {wrong:N0} wrong or missing";
        ChildOutput.SendResult(new TrialResult
        {
            Side = side.ToString(),
            ElapsedMs = stopwatch.Elapsed.TotalMilliseconds,
            HitCap = !finished,
            Errors = error is not null ? 1 : 0,
            Expected = expected.Count,
            Actual = finished && error is null ? result.Count - wrong : 0,
            SequentialMs = sequentialMs,
            Cores = Environment.ProcessorCount,
            PeakThreads = timeline.Count == 0 ? 0 : timeline.Max(s => s.Threads),
            Timeline = timeline.ToList(),
            Note = $"{outcome}; sequential {Report.WithUnit(sequentialMs, "ms")} on one thread",
        });

        // A build stuck in a corrupted dictionary keeps its threads spinning: end the process rather than wait for them.
        Console.Out.Flush();
        Environment.Exit(0);
        return 0;
    }

    public override CorrectnessCheck? CheckCorrectness(IReadOnlyList<TrialResult> before, IReadOnlyList<TrialResult> after)
    {
        var runs = before.Concat(after).ToList();
        if (runs.Count == 0)
        {
            return null;
        }

        static string Outcome(IReadOnlyList<TrialResult> side)
        {
            var capped = side.Count(r => r.HitCap);
            var threw = side.Count(r => r.Errors > 0);
            var short_ = side.Count(r => !r.HitCap && r.Errors == 0 && r.Actual != r.Expected);
            return capped + threw + short_ == 0 ? $"exact in {side.Count}/{side.Count} runs"
                : $"{threw} threw, {capped} never finished, {short_} wrong, of {side.Count} runs";
        }

        var text = $"expected {runs[0].Expected:N0} entries; before {Outcome(before)}; after {Outcome(after)}";
        var bad = after.Count(r => r.HitCap || r.Errors > 0 || r.Actual != r.Expected);
        return bad == 0 ? new CorrectnessCheck(text) : new CorrectnessCheck("ERROR: " + text, $"the fixed index was wrong in {bad} of {after.Count} runs");
    }

    private static (int Count, Func<string, int?> Length) Build<T>(T index, string[] words, Action<T, string[]> build, Func<T, int> count, Func<T, string, int?> length)
    {
        build(index, words);
        return (count(index), word => length(index, word));
    }

    private static (bool Finished, (int Count, Func<string, int?> Length) Result, Exception? Error) RunCapped(
        Func<(int, Func<string, int?>)> build, TimeSpan cap)
    {
        var task = Task.Run(build);
        try
        {
            return task.Wait(cap) ? (true, task.Result, null) : (false, default, null);
        }
        catch (AggregateException exception)
        {
            return (true, default, exception.Flatten().InnerExceptions.FirstOrDefault() ?? exception);
        }
    }

    /// <summary>The same check-then-act on one thread: the expected index, and the time to divide by the cores.</summary>
    private static Dictionary<string, int> BuildSequentially(string[] words)
    {
        var index = new Dictionary<string, int>();
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            if (!index.ContainsKey(word))
            {
                index.Add(word, word.Length);
            }
        }

        return index;
    }

    /// <summary>Words from a vocabulary of <see cref="Vocabulary"/>, picked by a seeded generator: the same in every run.</summary>
    private static string[] Words(int items)
    {
        var vocabulary = new string[Vocabulary];
        for (var i = 0; i < vocabulary.Length; i++)
        {
            vocabulary[i] = "w" + i.ToString("x", CultureInfo.InvariantCulture);
        }

        var state = Seed;
        var words = new string[items];
        for (var i = 0; i < words.Length; i++)
        {
            state = unchecked((state * 6364136223846793005UL) + 1442695040888963407UL);
            words[i] = vocabulary[(int)((state >> 33) % Vocabulary)];
        }

        return words;
    }
}
