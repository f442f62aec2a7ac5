using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace ConcurrencyBench.Pairs.CONC0301.ThreadLocal.After;

/// <summary>
/// Checks a batch of sensor readings in parallel and counts the valid ones. The loop hands each worker a range of
/// readings at a time (Partitioner.Create), the usual cure for a body too small to be worth a delegate call per
/// item, but every valid reading still adds one to a counter that all the workers share.
/// </summary>
public static class ReadingStats
{
    /// <summary>The lowest reading a working sensor reports.</summary>
    public const int MinValid = 16;

    /// <summary>The highest reading a working sensor reports.</summary>
    public const int MaxValid = 1007;

    public static bool IsValid(int reading) => reading >= MinValid && reading <= MaxValid;

    public static long CountValid(int[] readings)
    {
        long count = 0;
        Parallel.ForEach(Partitioner.Create(0, readings.Length), () => 0L, (range, state, localCount) =>
        {
            for (var i = range.Item1; i < range.Item2; i++)
            {
                if (IsValid(readings[i]))
                {
                    localCount++;
                }
            }
            return localCount;
        }, localCount => Interlocked.Add(ref count, localCount));
        return count;
    }
}
