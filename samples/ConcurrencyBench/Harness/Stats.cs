using System;
using System.Collections.Generic;
using System.Linq;

namespace ConcurrencyBench.Harness;

/// <summary>Median, quartiles and range of a few repeated measurements.</summary>
public sealed record Summary(int Count, double Median, double Min, double Max, double Q1, double Q3)
{
    public static readonly Summary Empty = new(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);

    /// <summary>Interquartile range (Q3 − Q1).</summary>
    public double Iqr => Q3 - Q1;
}

/// <summary>The small statistics the bench needs; values that are NaN (nothing measured) are ignored.</summary>
public static class Stats
{
    public static Summary Summarize(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).OrderBy(v => v).ToArray();
        if (sorted.Length == 0)
        {
            return Summary.Empty;
        }

        return new Summary(sorted.Length, Quantile(sorted, 0.5), sorted[0], sorted[^1], Quantile(sorted, 0.25), Quantile(sorted, 0.75));
    }

    /// <summary>Quantile of sorted values with linear interpolation between closest ranks (type 7, as R and NumPy).</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        if (q <= 0)
        {
            return sorted[0];
        }

        if (q >= 1)
        {
            return sorted[^1];
        }

        var position = (sorted.Count - 1) * q;
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Count - 1);
        return sorted[lower] + ((sorted[upper] - sorted[lower]) * (position - lower));
    }

    /// <summary>
    /// A difference is within noise when the two sides' min–max ranges overlap: with a few interleaved runs on a
    /// shared machine, no run of one side was cleanly better than every run of the other.
    /// </summary>
    public static bool? WithinNoise(Summary before, Summary after)
    {
        if (before.Count == 0 || after.Count == 0)
        {
            return null;
        }

        return before.Min <= after.Max && after.Min <= before.Max;
    }

    /// <summary>
    /// How many times better "after" is than "before" (above 1: the fix helps; below 1: it costs): before ÷ after
    /// for times and other lower-is-better metrics, after ÷ before for rates.
    /// </summary>
    public static double Gain(double before, double after, bool higherIsBetter)
    {
        var (numerator, denominator) = higherIsBetter ? (after, before) : (before, after);
        if (double.IsNaN(numerator) || double.IsNaN(denominator))
        {
            return double.NaN;
        }

        if (denominator == 0)
        {
            return numerator == 0 ? 1 : double.PositiveInfinity;
        }

        return numerator / denominator;
    }
}
