using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConcurrencyAnalyzers.Tests.Infrastructure;

/// <summary>
/// The C# sources the rule tests feed the analyzers: every string literal in the rule test folders that holds a type
/// declaration, with the test framework's markup (<c>{|CONC0101:...|}</c>, <c>[|...|]</c>, <c>{|#0:...|}</c>) removed.
/// </summary>
internal static partial class TestSources
{
    private static readonly string[] RuleFolders = ["Blocking", "CpuBound", "SharedState", "ThreadCount"];

    public static IReadOnlyList<string> All { get; } = Load();

    private static List<string> Load()
    {
        var sources = new SortedSet<string>(StringComparer.Ordinal);
        var testsRoot = Repository.PathOf("tests", "ConcurrencyAnalyzers.Tests");
        foreach (var folder in RuleFolders.Select(f => Path.Combine(testsRoot, f)).Where(Directory.Exists))
        {
            foreach (var file in Directory.GetFiles(folder, "*.cs").OrderBy(f => f, StringComparer.Ordinal))
            {
                var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot();
                foreach (var literal in root.DescendantNodes().OfType<LiteralExpressionSyntax>())
                {
                    if (literal.IsKind(SyntaxKind.StringLiteralExpression) && literal.Token.ValueText is { } text && IsSource(text))
                    {
                        sources.Add(WithoutMarkup(text));
                    }
                }
            }
        }

        return sources.ToList();
    }

    private static bool IsSource(string text) =>
        text.Length > 40 && (text.Contains("class ", StringComparison.Ordinal) || text.Contains("struct ", StringComparison.Ordinal));

    private static string WithoutMarkup(string text) => Markup().Replace(text, "");

    [GeneratedRegex(@"\{\|[^:|{}\s]*:|\|\}|\[\||\|\]")]
    private static partial Regex Markup();
}
