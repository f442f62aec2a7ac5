using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using ConcurrencyAnalyzers.Tests.Infrastructure;

namespace ConcurrencyAnalyzers.Tests.EndToEnd;

/// <summary>README's main job: a fresh build of the sample app shows every rule firing, and nothing else.</summary>
[Trait("Category", "EndToEnd")]
public sealed class SampleAppTests
{
    [Fact]
    public async Task Fresh_build_of_the_sample_app_reports_every_rule_and_only_them()
    {
        // Built in a copy: a --no-incremental build here would rewrite the analyzer assembly this test process runs.
        var copy = Path.Combine(Path.GetTempPath(), "conc-sample-" + Guid.NewGuid().ToString("N"));
        try
        {
            foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json", "nuget.config", ".editorconfig" })
            {
                CopyFile(file, copy);
            }

            Directory.CreateDirectory(Path.Combine(copy, "local-feed"));
            CopyTree(Path.Combine("src", "ConcurrencyAnalyzers"), copy);
            CopyTree(Path.Combine("samples", "OrderService"), copy);

            var (exitCode, output) = await DotnetCli.RunAsync(copy, "build samples/OrderService --no-incremental -nodeReuse:false");
            Assert.True(exitCode == 0, output);

            var warnings = Regex.Matches(output, @": warning (?<id>[A-Z]+[0-9]+):").Select(m => m.Groups["id"].Value).ToHashSet();
            foreach (var descriptor in ProductCatalog.Descriptors)
            {
                Assert.Contains(descriptor.Id, warnings);
            }

            Assert.All(warnings, id => Assert.StartsWith("CONC", id));
        }
        finally
        {
            try
            {
                Directory.Delete(copy, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }

    private static void CopyFile(string relative, string destinationRoot)
    {
        var target = Path.Combine(destinationRoot, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(Repository.PathOf(relative), target);
    }

    private static void CopyTree(string relative, string destinationRoot)
    {
        var source = Repository.PathOf(relative);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var inner = Path.GetRelativePath(Repository.Root, file);
            var parts = inner.Split(Path.DirectorySeparatorChar);
            if (parts.Contains("bin") || parts.Contains("obj") || parts.Contains("App_Data"))
            {
                continue;
            }

            CopyFile(inner, destinationRoot);
        }
    }
}
