using System.Threading.Tasks;

namespace ConcurrencyBench.Pairs.CONC0303.After;

/// <summary>
/// Counts valid sensor readings. The count is read under a lock, so the type is meant to be shared, but Record adds
/// to it without the lock, and a Parallel.For calls Record for every reading.
/// </summary>
public sealed class ReadingStats
{
    /// <summary>The lowest reading a working sensor reports.</summary>
    public const int MinValid = 16;

    /// <summary>The highest reading a working sensor reports.</summary>
    public const int MaxValid = 1007;

    private readonly object _gate = new object();
    private long _count;

    public long Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    public static bool IsValid(int reading) => reading >= MinValid && reading <= MaxValid;

    public static long CountValid(int[] readings)
    {
        var stats = new ReadingStats();
        Parallel.For(0, readings.Length, i => stats.Record(readings[i]));
        return stats.Count;
    }

    public void Record(int reading)
    {
        if (IsValid(reading))
        {
            lock (_gate)
            {
                _count++;
            }
        }
    }
}
