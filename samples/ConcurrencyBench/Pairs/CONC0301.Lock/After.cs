using System.Threading.Tasks;

namespace ConcurrencyBench.Pairs.CONC0301.Lock.After;

/// <summary>
/// Checks a batch of sensor readings in parallel and counts the valid ones: every iteration of the Parallel.For body
/// that finds a valid reading adds one to a counter that all the loop's threads share.
/// </summary>
public static class ReadingStats
{
    /// <summary>The lowest reading a working sensor reports.</summary>
    public const int MinValid = 16;

    /// <summary>The highest reading a working sensor reports.</summary>
    public const int MaxValid = 1007;

    private static readonly object s_gate = new object();

    public static bool IsValid(int reading) => reading >= MinValid && reading <= MaxValid;

    public static long CountValid(int[] readings)
    {
        long count = 0;
        Parallel.For(0, readings.Length, i =>
        {
            if (IsValid(readings[i]))
            {
                lock (s_gate)
                {
                    count++;
                }
            }
        });
        return count;
    }
}
