using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace ConcurrencyBench.Pairs.CONC0304.Before;

/// <summary>
/// Counts valid sensor readings for a service: one ReadingStats, registered as a singleton, serves every caller, and
/// Record adds to its count without synchronization. The callers here are the iterations of a Parallel.For, standing
/// in for the concurrent requests of a web app.
/// </summary>
public sealed class ReadingStats
{
    /// <summary>The lowest reading a working sensor reports.</summary>
    public const int MinValid = 16;

    /// <summary>The highest reading a working sensor reports.</summary>
    public const int MaxValid = 1007;

    private long _count;

    public long Count => _count;

    public static bool IsValid(int reading) => reading >= MinValid && reading <= MaxValid;

    public static long CountValid(int[] readings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ReadingStats>();
        using var provider = services.BuildServiceProvider();
        var stats = provider.GetRequiredService<ReadingStats>();
        Parallel.For(0, readings.Length, i => stats.Record(readings[i]));
        return stats.Count;
    }

    public void Record(int reading)
    {
        if (IsValid(reading))
        {
            _count++;
        }
    }
}
