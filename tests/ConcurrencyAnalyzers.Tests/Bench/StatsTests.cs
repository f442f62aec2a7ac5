using ConcurrencyBench.Harness;

namespace ConcurrencyAnalyzers.Tests.Bench;

public class StatsTests
{
    [Fact]
    public void Summary_gives_median_quartiles_and_range_of_unsorted_values()
    {
        var summary = Stats.Summarize(new[] { 9.0, 1, 5, 3, 7 });
        Assert.Equal(5, summary.Count);
        Assert.Equal(5, summary.Median);
        Assert.Equal(1, summary.Min);
        Assert.Equal(9, summary.Max);
        Assert.Equal(3, summary.Q1);
        Assert.Equal(7, summary.Q3);
        Assert.Equal(4, summary.Iqr);
    }

    [Fact]
    public void Median_of_an_even_count_interpolates_between_the_middle_values()
    {
        Assert.Equal(2.5, Stats.Summarize(new[] { 4.0, 1, 3, 2 }).Median);
    }

    [Fact]
    public void Quantiles_interpolate_like_R_type_7()
    {
        var sorted = new[] { 10.0, 20, 30, 40 };
        Assert.Equal(17.5, Stats.Quantile(sorted, 0.25), precision: 10);
        Assert.Equal(32.5, Stats.Quantile(sorted, 0.75), precision: 10);
        Assert.Equal(10, Stats.Quantile(sorted, 0));
        Assert.Equal(40, Stats.Quantile(sorted, 1));
    }

    [Fact]
    public void Runs_that_measured_nothing_are_ignored()
    {
        var summary = Stats.Summarize(new[] { double.NaN, 2.0, double.NaN, 4.0 });
        Assert.Equal(2, summary.Count);
        Assert.Equal(3, summary.Median);
        Assert.Equal(0, Stats.Summarize(new[] { double.NaN }).Count);
        Assert.True(double.IsNaN(Stats.Summarize(new double[0]).Median));
    }

    [Fact]
    public void Overlapping_ranges_are_within_noise_and_separated_ones_are_not()
    {
        var before = Stats.Summarize(new[] { 10.0, 12, 14 });
        Assert.True(Stats.WithinNoise(before, Stats.Summarize(new[] { 13.0, 15, 17 })));
        Assert.False(Stats.WithinNoise(before, Stats.Summarize(new[] { 1.0, 2, 3 })));
        Assert.Null(Stats.WithinNoise(before, Summary.Empty));
    }

    [Fact]
    public void Gain_is_before_over_after_for_times_and_after_over_before_for_rates()
    {
        Assert.Equal(4, Stats.Gain(before: 400, after: 100, higherIsBetter: false));
        Assert.Equal(0.5, Stats.Gain(before: 100, after: 200, higherIsBetter: false));
        Assert.Equal(3, Stats.Gain(before: 1000, after: 3000, higherIsBetter: true));
        Assert.Equal(double.PositiveInfinity, Stats.Gain(before: 0, after: 4500, higherIsBetter: true));
        Assert.Equal(1, Stats.Gain(before: 0, after: 0, higherIsBetter: true));
        Assert.True(double.IsNaN(Stats.Gain(before: double.NaN, after: 1, higherIsBetter: false)));
    }
}
