using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace ConcurrencyAnalyzers.Tests.EndToEnd;

/// <summary>The packed package, consumed for real by a scratch project: build, severities, SARIF, dotnet format.</summary>
[Trait("Category", "EndToEnd")]
public sealed class PackageEndToEndTests(PackedPackageFixture package) : IClassFixture<PackedPackageFixture>
{
    private static readonly string[] RuleIds = { "CONC0101", "CONC0102", "CONC0103", "CONC0104" };

    [Fact]
    public async Task Build_reports_every_rule_as_a_warning_and_succeeds()
    {
        var project = package.CreateScratchProject("build");
        var (exitCode, output) = await BuildAsync(project);
        Assert.True(exitCode == 0, output);
        foreach (var id in RuleIds)
        {
            Assert.Contains($"warning {id}:", output);
        }
    }

    [Fact]
    public async Task Warnings_as_errors_fails_the_build()
    {
        var project = package.CreateScratchProject("warnaserror");
        var (exitCode, output) = await BuildAsync(project, "-warnaserror");
        Assert.NotEqual(0, exitCode);
        Assert.Contains("error CONC0101:", output);
    }

    [Fact]
    public async Task Editorconfig_severity_none_silences_a_rule()
    {
        var project = package.CreateScratchProject("silenced", "dotnet_diagnostic.CONC0102.severity = none");
        var (exitCode, output) = await BuildAsync(project);
        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain("CONC0102", output);
        Assert.Contains("warning CONC0101:", output);
        Assert.Contains("warning CONC0103:", output);
        Assert.Contains("warning CONC0104:", output);
    }

    [Fact]
    public async Task Sarif_log_holds_each_rule_with_its_help_link()
    {
        var project = package.CreateScratchProject("sarif");
        var sarif = Path.Combine(project, "out.sarif");
        var (exitCode, output) = await BuildAsync(project, $"-p:ErrorLog=\"{sarif}%2Cversion=2.1\"");
        Assert.True(exitCode == 0, output);
        using var log = JsonDocument.Parse(File.ReadAllText(sarif));
        var run = log.RootElement.GetProperty("runs")[0];
        // Other analyzers of the SDK log rules too, some without a help link; ours all have one.
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray()
            .ToDictionary(rule => rule.GetProperty("id").GetString()!, rule => rule.TryGetProperty("helpUri", out var uri) ? uri.GetString() : null);
        var results = run.GetProperty("results").EnumerateArray().Select(result => result.GetProperty("ruleId").GetString()).ToHashSet();
        foreach (var id in RuleIds)
        {
            Assert.Contains(id, results);
            Assert.EndsWith($"/docs/rules/{id}.md", rules[id]);
        }
    }

    [Fact]
    public async Task Dotnet_format_applies_every_fix_and_the_result_builds_clean()
    {
        var project = package.CreateScratchProject("format");
        var (verifyBefore, verifyBeforeOutput) = await DotnetCli.RunAsync(project, "format Scratch.csproj --verify-no-changes", package.Packages);
        Assert.True(verifyBefore != 0, "verify-no-changes must fail before the fix:\n" + verifyBeforeOutput);

        var (formatExit, formatOutput) = await DotnetCli.RunAsync(
            project, $"format analyzers Scratch.csproj --diagnostics {string.Join(' ', RuleIds)} --severity warn", package.Packages);
        Assert.True(formatExit == 0, formatOutput);
        Assert.Equal(ScratchSources.After, File.ReadAllText(Path.Combine(project, "Program.cs")));

        var (buildExit, buildOutput) = await BuildAsync(project);
        Assert.True(buildExit == 0, buildOutput);
        Assert.DoesNotContain("warning CONC", buildOutput);

        var (verifyAfter, verifyAfterOutput) = await DotnetCli.RunAsync(project, "format Scratch.csproj --verify-no-changes", package.Packages);
        Assert.True(verifyAfter == 0, "verify-no-changes must pass after the fix:\n" + verifyAfterOutput);
    }

    private Task<(int ExitCode, string Output)> BuildAsync(string project, string extra = "") =>
        DotnetCli.RunAsync(project, $"build Scratch.csproj --no-incremental -nodeReuse:false {extra}", package.Packages);
}
