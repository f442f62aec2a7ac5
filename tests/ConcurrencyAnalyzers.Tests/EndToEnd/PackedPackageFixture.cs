using System;
using System.IO;
using System.Threading.Tasks;
using ConcurrencyAnalyzers.Tests.Infrastructure;

namespace ConcurrencyAnalyzers.Tests.EndToEnd;

/// <summary>
/// Packs the package once per run under a fresh version into a temporary feed, with a fresh NuGet packages folder
/// (the NuGet cache is keyed by version, so a reused version would hide a stale package).
/// </summary>
public sealed class PackedPackageFixture : IAsyncLifetime
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "conc-e2e-" + Guid.NewGuid().ToString("N"));

    public string Feed => Path.Combine(Root, "feed");

    public string Packages => Path.Combine(Root, "packages");

    public string Version { get; } = "0.0.0-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmss");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        Directory.CreateDirectory(Packages);
        var project = Repository.PathOf("src", "ConcurrencyAnalyzers.Package", "ConcurrencyAnalyzers.Package.csproj");
        var (exitCode, output) = await DotnetCli.RunAsync(
            Repository.Root,
            $"pack \"{project}\" -c Release -o \"{Feed}\" -p:Version={Version} -nodeReuse:false");
        if (exitCode != 0 || !File.Exists(Path.Combine(Feed, $"ConcurrencyAnalyzers.{Version}.nupkg")))
        {
            throw new InvalidOperationException("dotnet pack failed:\n" + output);
        }
    }

    /// <summary>A new scratch console project in its own folder that references the packed package.</summary>
    public string CreateScratchProject(string name, string? editorConfig = null)
    {
        var directory = Path.Combine(Root, name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Packages}" />
              </config>
              <packageSources>
                <clear />
                <add key="local" value="{Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(directory, "Scratch.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ConcurrencyAnalyzers" Version="{Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), ScratchSources.Before);
        if (editorConfig is not null)
        {
            File.WriteAllText(Path.Combine(directory, ".editorconfig"), "root = true\n\n[*.cs]\n" + editorConfig + "\n");
        }

        return directory;
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }

        return Task.CompletedTask;
    }
}
