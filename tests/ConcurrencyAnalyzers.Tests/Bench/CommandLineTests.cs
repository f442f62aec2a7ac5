using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using ConcurrencyAnalyzers.Tests.EndToEnd;
using ConcurrencyAnalyzers.Tests.Infrastructure;

namespace ConcurrencyAnalyzers.Tests.Bench;

/// <summary>The bench as a user runs it: bad command lines fail with a message and exit code 2.</summary>
public class CommandLineTests
{
    private static readonly string Bench = Path.Combine(AppContext.BaseDirectory, "ConcurrencyBench.dll");

    [Theory]
    [InlineData("--bogus", "unknown option '--bogus'")]
    [InlineData("--filter CONC9999", "unknown rule 'CONC9999'")]
    public async Task Unknown_options_exit_with_code_2_and_say_why(string arguments, string message)
    {
        var (exitCode, output) = await DotnetCli.RunAsync(AppContext.BaseDirectory, $"\"{Bench}\" {arguments}", timeoutSeconds: 60);
        Assert.Equal(2, exitCode);
        Assert.Contains(message, output);
    }

    [Fact]
    public async Task List_names_every_rule_with_a_pair()
    {
        var (exitCode, output) = await DotnetCli.RunAsync(AppContext.BaseDirectory, $"\"{Bench}\" --list", timeoutSeconds: 60);
        Assert.Equal(0, exitCode);
        foreach (var id in ProductCatalog.CodeFixes.SelectMany(fix => fix.FixableDiagnosticIds))
        {
            Assert.Contains(id, output);
        }
    }
}
