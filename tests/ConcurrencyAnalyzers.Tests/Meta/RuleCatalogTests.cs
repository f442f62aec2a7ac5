using System.IO;
using System.Linq;
using System.Reflection;
using ConcurrencyAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ConcurrencyAnalyzers.Tests.Meta;

/// <summary>What every analyzer, descriptor and fix promises, checked over all of them.</summary>
public class RuleCatalogTests
{
    public static TheoryData<string> Analyzers => new(ProductCatalog.AnalyzerCases.Select(c => (string)c[0]));

    public static TheoryData<string> Ids => new(ProductCatalog.DescriptorCases.Select(c => (string)c[0]));

    public static TheoryData<string> Fixes => new(ProductCatalog.CodeFixCases.Select(c => (string)c[0]));

    [Fact]
    public void The_catalog_is_not_empty()
    {
        Assert.NotEmpty(ProductCatalog.Analyzers);
        Assert.NotEmpty(ProductCatalog.CodeFixes);
    }

    [Theory]
    [MemberData(nameof(Analyzers))]
    public void Analyzer_is_sealed_CSharp_and_named_after_its_rule(string name)
    {
        var type = ProductCatalog.Analyzer(name).GetType();
        Assert.True(type.IsSealed, $"{name} must be sealed");
        var attribute = type.GetCustomAttribute<DiagnosticAnalyzerAttribute>();
        Assert.NotNull(attribute);
        Assert.Equal(new[] { LanguageNames.CSharp }, attribute!.Languages);
        var descriptor = Assert.Single(ProductCatalog.Analyzer(name).SupportedDiagnostics);
        Assert.StartsWith(descriptor.Id, name);
        Assert.True(File.Exists(Repository.PathOf("src", "ConcurrencyAnalyzers", FamilyFolder(descriptor.Id), name + ".cs")), $"{name}.cs belongs in its family folder");
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_follows_the_conventions(string id)
    {
        var descriptor = ProductCatalog.Descriptor(id);
        Assert.Matches("^CONC0[1-5][0-9]{2}$", id);
        Assert.Equal("Concurrency", descriptor.Category);
        Assert.True(descriptor.IsEnabledByDefault);
        Assert.Equal($"https://github.com/concurrency-analyzers/concurrency-analyzers/blob/main/docs/rules/{id}.md", descriptor.HelpLinkUri);
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Title.ToString()));
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString()));
        Assert.False(descriptor.Title.ToString().EndsWith('.'), "titles do not end with a period");
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Doc_page_exists_with_every_section(string id)
    {
        var path = Repository.PathOf("docs", "rules", id + ".md");
        Assert.True(File.Exists(path), $"docs/rules/{id}.md is missing");
        var text = File.ReadAllText(path);
        Assert.StartsWith($"# {id}: {ProductCatalog.Descriptor(id).Title}", text);
        foreach (var section in new[] { "Cause", "Why it hurts", "Non-compliant code", "Compliant code", "How to fix", "Code fix", "Configuration", "When to suppress", "Known limitations" })
        {
            Assert.Contains("\n## " + section + "\n", text.Replace("\r\n", "\n"));
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Release_tracking_lists_the_rule_with_its_severity(string id)
    {
        var descriptor = ProductCatalog.Descriptor(id);
        var released = File.ReadAllText(Repository.PathOf("src", "ConcurrencyAnalyzers", "AnalyzerReleases.Shipped.md"))
            + File.ReadAllText(Repository.PathOf("src", "ConcurrencyAnalyzers", "AnalyzerReleases.Unshipped.md"));
        Assert.Contains($"{id} | Concurrency | {descriptor.DefaultSeverity} |", released);
    }

    [Theory]
    [MemberData(nameof(Fixes))]
    public void Fix_supports_fix_all_in_every_scope_and_has_an_analyzer(string name)
    {
        var fix = ProductCatalog.CodeFix(name);
        var provider = fix.GetFixAllProvider();
        Assert.NotNull(provider);
        var scopes = provider!.GetSupportedFixAllScopes().ToArray();
        Assert.Contains(FixAllScope.Document, scopes);
        Assert.Contains(FixAllScope.Project, scopes);
        Assert.Contains(FixAllScope.Solution, scopes);
        // A fix is named after its first id; further ids are rules it fixes the same way (CONC0301's fix, CONC0304).
        var ids = fix.FixableDiagnosticIds;
        Assert.NotEmpty(ids);
        var id = ids[0];
        Assert.StartsWith(id, name);
        Assert.All(ids, fixable => Assert.Contains(ProductCatalog.Descriptors, descriptor => descriptor.Id == fixable));
        Assert.All(ids, fixable => Assert.Equal(FamilyFolder(id), FamilyFolder(fixable)));
        Assert.NotNull(fix.GetType().GetCustomAttribute<ExportCodeFixProviderAttribute>());
        Assert.True(File.Exists(Repository.PathOf("src", "ConcurrencyAnalyzers.CodeFixes", FamilyFolder(id), name + ".cs")), $"{name}.cs belongs in its family folder");
    }

    private static string FamilyFolder(string id) => id.Substring(0, 6) switch
    {
        "CONC01" => "Blocking",
        "CONC02" => "CpuBound",
        "CONC03" => "SharedState",
        "CONC04" => "ThreadCount",
        _ => "AsyncFlow",
    };
}
