using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace ConcurrencyAnalyzers.Tests.Verifiers;

/// <summary>Short entry points over the Roslyn testing library for one analyzer and its fix.</summary>
public static partial class CSharpCodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>The language versions analyzer cases run under: the oldest with top-level statements, and a current one.</summary>
    public static IEnumerable<object[]> LanguageVersions { get; } = new[]
    {
        new object[] { LanguageVersion.CSharp9 },
        new object[] { LanguageVersion.CSharp13 },
    };

    public static DiagnosticResult Diagnostic() => CSharpCodeFixVerifier<TAnalyzer, TCodeFix, DefaultVerifier>.Diagnostic();

    public static Task VerifyAnalyzerAsync(string source, LanguageVersion languageVersion = LanguageVersion.CSharp12, string? editorConfig = null)
    {
        var test = new Test { TestCode = source, LanguageVersion = languageVersion };
        test.AddEditorConfig(editorConfig);
        return test.RunAsync(CancellationToken.None);
    }

    public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    public static Task VerifyCodeFixAsync(string source, string fixedSource, LanguageVersion languageVersion = LanguageVersion.CSharp12, string? editorConfig = null)
    {
        var test = new Test { TestCode = source, FixedCode = fixedSource, LanguageVersion = languageVersion };
        test.AddEditorConfig(editorConfig);
        return test.RunAsync(CancellationToken.None);
    }

    public sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = TestReferences.Net80WithAspNetCore;
            SolutionTransforms.Add((solution, projectId) =>
            {
                var project = solution.GetProject(projectId)!;
                var parseOptions = ((CSharpParseOptions)project.ParseOptions!).WithLanguageVersion(LanguageVersion);
                return solution.WithProjectParseOptions(projectId, parseOptions);
            });
        }

        public LanguageVersion LanguageVersion { get; set; } = LanguageVersion.CSharp12;

        /// <summary>Adds a root .editorconfig with the given lines under [*].</summary>
        public void AddEditorConfig(string? lines)
        {
            if (lines is not null)
            {
                TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*]\n" + lines + "\n"));
            }
        }
    }
}
