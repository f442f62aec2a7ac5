using System.Collections.Concurrent;
using System.Linq;
using System.Threading.Tasks;
using ConcurrencyBench.Harness;

namespace ConcurrencyBench.Scenarios;

/// <summary>
/// CONC0405 (no code fix, so no pair: both shapes are here): a price per order line computed with one Task.Run per line,
/// against a Parallel.ForEach over ranges of lines.
/// </summary>
public sealed class TaskPerTinyItemScenario : CpuWorkloadScenario
{
    public const int Items = 200_000;

    public TaskPerTinyItemScenario()
        : base("CONC0405", "task-per-item")
    {
    }

    public override string Title => $"{Items / 1000}k tiny items: a Task.Run each vs Parallel.ForEach over ranges";

    public override string Description =>
        $"Prices {Items:N0} order lines (a multiply, a shift and an xor each): before, "
        + "Task.WhenAll(lines.Select(line => Task.Run(() => Price(line)))); after, Parallel.ForEach(Partitioner.Create(0, n), range => ...) "
        + "writing each price at its index (the rule has no code fix; this is the rewrite its page recommends). "
        + "Each run also prices the lines in a plain loop (best of 3): the expected checksum, and time ÷ cores as the limit.";

    public override string Change => "Task.Run per item → Parallel.ForEach over Partitioner.Create(0, n) ranges";

    public override string? Expectation =>
        "each task costs far more than its item's work, so the task-per-item version is slower than the plain loop; ranges spread the work at almost no cost";

    protected override long Run(Side side, TrialResult result) => Price(side, Items);

    protected override void WarmUp(Side side) => Price(side, 2_000);

    protected override long RunSequentially()
    {
        long sum = 0;
        for (var i = 0; i < Items; i++)
        {
            sum += PriceOf(i);
        }

        return sum;
    }

    private static long Price(Side side, int count)
    {
        var lines = Enumerable.Range(0, count).ToArray();
        if (side == Side.Before)
        {
            var prices = Task.WhenAll(lines.Select(line => Task.Run(() => PriceOf(line)))).GetAwaiter().GetResult();
            return prices.Sum();
        }

        var results = new long[count];
        Parallel.ForEach(Partitioner.Create(0, count), range =>
        {
            for (var i = range.Item1; i < range.Item2; i++)
            {
                results[i] = PriceOf(lines[i]);
            }
        });
        return results.Sum();
    }

    private static long PriceOf(int line) => ((long)line * 31) ^ (line >> 3);
}
