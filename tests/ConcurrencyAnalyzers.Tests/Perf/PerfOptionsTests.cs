using AnalyzerPerf;

namespace ConcurrencyAnalyzers.Tests.Perf;

public class PerfOptionsTests
{
    [Fact]
    public void Defaults_are_the_full_run()
    {
        var options = PerfOptions.Parse([], out var error);
        Assert.Null(error);
        Assert.Equal(5, options!.RunsPerMeasurement);
        Assert.Equal(60, options.ModulesPerUnit);
        Assert.Equal(8, options.Seed);
        Assert.False(options.BindFirst);
    }

    [Fact]
    public void Bind_first_is_a_switch()
    {
        var options = PerfOptions.Parse(["--quick", "--bind-first"], out var error);
        Assert.Null(error);
        Assert.True(options!.BindFirst);
        Assert.True(options.Quick);
    }

    [Fact]
    public void Quick_mode_is_smaller_and_explicit_values_win()
    {
        var options = PerfOptions.Parse(["--quick", "--runs", "7", "--markdown", "out.md"], out _);
        Assert.Equal(7, options!.RunsPerMeasurement);
        Assert.Equal(20, options.ModulesPerUnit);
        Assert.Equal("out.md", options.MarkdownPath);
    }

    [Theory]
    [InlineData("--fast")]
    [InlineData("--runs", "0")]
    [InlineData("--runs", "x")]
    [InlineData("--modules")]
    [InlineData("--markdown", "--quick")]
    public void Bad_command_lines_are_rejected_with_a_message(params string[] args)
    {
        Assert.Null(PerfOptions.Parse(args, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }
}
