using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AnalyzerPerf.Measurement;

/// <summary>Every analyzer the package ships, found in its assembly, so a new rule is measured without edits here.</summary>
public static class AnalyzerSet
{
    public static ImmutableArray<DiagnosticAnalyzer> Load() =>
        typeof(ConcurrencyAnalyzers.DiagnosticIds).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t)
                        && t.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), inherit: false).Length > 0)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .OrderBy(Name, StringComparer.Ordinal)
            .ToImmutableArray();

    /// <summary>The rule ids an analyzer reports, e.g. "CONC0101".</summary>
    public static string Name(DiagnosticAnalyzer analyzer) =>
        string.Join("+", analyzer.SupportedDiagnostics.Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal));
}
