using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ConcurrencyAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ConcurrencyAnalyzers.Tests.Infrastructure;

/// <summary>Runs every analyzer and fix of the package over a source, recording every exception they raise.</summary>
internal static class AnalyzerRunner
{
    private static readonly Lazy<Task<ImmutableArray<MetadataReference>>> References = new(() =>
        TestReferences.Net80WithAspNetCore.ResolveAsync(LanguageNames.CSharp, CancellationToken.None));

    public static Task<ImmutableArray<MetadataReference>> ReferencesAsync() => References.Value;

    public static CSharpCompilation Compile(string source, IEnumerable<MetadataReference> references, LanguageVersion version = LanguageVersion.CSharp12) =>
        CSharpCompilation.Create(
            "Input",
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(version), path: "Input.cs") },
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>Our diagnostics, plus every analyzer exception (thrown or reported as AD0001).</summary>
    public static async Task<(ImmutableArray<Diagnostic> Diagnostics, IReadOnlyList<string> Failures)> AnalyzeAsync(Compilation compilation, bool concurrent = true)
    {
        var failures = new ConcurrentQueue<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, analyzer, _) => failures.Enqueue($"{analyzer.GetType().Name}: {exception}"),
            concurrentAnalysis: concurrent,
            logAnalyzerExecutionTime: false);
        var withAnalyzers = compilation.WithAnalyzers(ProductCatalog.Analyzers, options);
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        foreach (var diagnostic in diagnostics.Where(d => d.Id == "AD0001"))
        {
            failures.Enqueue(diagnostic.ToString());
        }

        return (diagnostics.Where(d => d.Id.StartsWith("CONC", StringComparison.Ordinal)).ToImmutableArray(), failures.ToList());
    }

    /// <summary>Offers and applies every fix for the diagnostics, one by one and as Fix All in the document.</summary>
    public static async Task<IReadOnlyList<string>> ApplyFixesAsync(string source, ImmutableArray<Diagnostic> diagnostics, IEnumerable<MetadataReference> references)
    {
        var failures = new List<string>();
        using var workspace = new AdhocWorkspace();
        var document = AddDocument(workspace, source, references);
        foreach (var fix in ProductCatalog.CodeFixes)
        {
            var fixable = diagnostics.Where(d => fix.FixableDiagnosticIds.Contains(d.Id)).ToImmutableArray();
            if (fixable.IsEmpty)
            {
                continue;
            }

            try
            {
                foreach (var diagnostic in fixable)
                {
                    var actions = new List<CodeAction>();
                    await fix.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
                    foreach (var action in actions)
                    {
                        await action.GetOperationsAsync(CancellationToken.None);
                    }
                }

                var fixAll = new FixAllContext(
                    document, fix, FixAllScope.Document, fix.FixableDiagnosticIds[0], fix.FixableDiagnosticIds,
                    new FixedDiagnostics(fixable), CancellationToken.None);
                var fixAllAction = await fix.GetFixAllProvider()!.GetFixAsync(fixAll);
                if (fixAllAction is not null)
                {
                    await fixAllAction.GetOperationsAsync(CancellationToken.None);
                }
            }
            catch (Exception exception)
            {
                failures.Add($"{fix.GetType().Name}: {exception}");
            }
        }

        return failures;
    }

    /// <summary>
    /// What Fix All in the document makes of <paramref name="source"/> for one rule, repeated until the rule reports
    /// nothing more (as dotnet format does). Fails when a round changes nothing while diagnostics remain.
    /// </summary>
    /// <param name="equivalenceKey">The fix to apply where a rule offers several (the id, as dotnet format picks the first, by default).</param>
    public static async Task<(string Fixed, int Diagnostics)> FixAllAsync(string source, string id, string? equivalenceKey = null)
    {
        var references = await ReferencesAsync();
        var analyzer = ProductCatalog.Analyzers.Single(a => a.SupportedDiagnostics.Any(d => d.Id == id));
        var fix = ProductCatalog.CodeFixes.Single(f => f.FixableDiagnosticIds.Contains(id));
        using var workspace = new AdhocWorkspace();
        var document = AddDocument(workspace, source, references);
        var first = -1;
        for (var round = 0; round < 5; round++)
        {
            var compilation = (await document.Project.GetCompilationAsync())!;
            var diagnostics = (await compilation.WithAnalyzers(ImmutableArray.Create(analyzer)).GetAnalyzerDiagnosticsAsync())
                .Where(d => d.Id == id).ToImmutableArray();
            first = first < 0 ? diagnostics.Length : first;
            if (diagnostics.IsEmpty)
            {
                break;
            }

            var context = new FixAllContext(document, fix, FixAllScope.Document, equivalenceKey ?? id, new[] { id }, new FixedDiagnostics(diagnostics), CancellationToken.None);
            var action = await fix.GetFixAllProvider()!.GetFixAsync(context) ?? throw new InvalidOperationException("Fix All offered nothing");
            var applied = (await action.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>().Single();
            var next = applied.ChangedSolution.GetDocument(document.Id)!;
            if ((await next.GetTextAsync()).ToString() == (await document.GetTextAsync()).ToString())
            {
                throw new InvalidOperationException($"{diagnostics.Length} {id} diagnostics remain and Fix All changes nothing");
            }

            document = next;
        }

        return ((await document.GetTextAsync()).ToString(), first);
    }

    private static Document AddDocument(AdhocWorkspace workspace, string source, IEnumerable<MetadataReference> references)
    {
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(), VersionStamp.Default, "Input", "Input", LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: new CSharpParseOptions(LanguageVersion.CSharp12),
            metadataReferences: references));
        return workspace.AddDocument(project.Id, "Input.cs", SourceText.From(source));
    }

    private sealed class FixedDiagnostics(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(ImmutableArray<Diagnostic>.Empty);
    }
}
