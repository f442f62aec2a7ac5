using ConcurrencyBench.Harness;

namespace ConcurrencyAnalyzers.Tests.Bench;

public class OptionsTests
{
    private static readonly string[] Rules = { "CONC0101", "CONC0102", "CONC0103" };

    [Fact]
    public void Quick_filter_and_outputs_are_read()
    {
        var options = Options.Parse(new[] { "--quick", "--filter", "conc0101,CONC0103", "--json", "out.json", "--markdown=table.md" }, Rules, out var error);
        Assert.Null(error);
        Assert.NotNull(options);
        Assert.True(options!.Quick);
        Assert.Equal(3, options.RunsPerSide);
        Assert.Contains("CONC0101", options.Rules);
        Assert.Contains("CONC0103", options.Rules);
        Assert.DoesNotContain("CONC0102", options.Rules);
        Assert.EndsWith("out.json", options.JsonPath);
        Assert.EndsWith("table.md", options.MarkdownPath);
    }

    [Fact]
    public void Full_mode_runs_more_repetitions_than_quick_mode()
    {
        var full = Options.Parse(System.Array.Empty<string>(), Rules, out _)!;
        var quick = Options.Parse(new[] { "--quick" }, Rules, out _)!;
        Assert.True(full.RunsPerSide > quick.RunsPerSide);
        Assert.Equal(5, Options.Parse(new[] { "--quick", "--repeat", "5" }, Rules, out _)!.RunsPerSide);
    }

    [Theory]
    [InlineData("--fast")]
    [InlineData("--filter", "CONC9999")]
    [InlineData("--repeat", "0")]
    [InlineData("--repeat", "many")]
    [InlineData("--json")]
    [InlineData("stray")]
    public void Bad_command_lines_are_rejected_with_a_message(params string[] args)
    {
        Options.Parse(args, Rules, out var error);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }
}
