using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using ConcurrencyAnalyzers.CodeFixes.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ConcurrencyAnalyzers.Tests.Infrastructure;

/// <summary>Every analyzer, fix and descriptor the package ships, found by reflection so none can be forgotten.</summary>
internal static class ProductCatalog
{
    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = Instantiate<DiagnosticAnalyzer>(typeof(Descriptors).Assembly);

    public static ImmutableArray<CodeFixProvider> CodeFixes { get; } = Instantiate<CodeFixProvider>(typeof(BatchedCodeFix).Assembly);

    public static ImmutableArray<DiagnosticDescriptor> Descriptors { get; } = Analyzers
        .SelectMany(analyzer => analyzer.SupportedDiagnostics)
        .GroupBy(descriptor => descriptor.Id)
        .Select(group => group.First())
        .OrderBy(descriptor => descriptor.Id, StringComparer.Ordinal)
        .ToImmutableArray();

    public static IEnumerable<object[]> AnalyzerCases => Analyzers.Select(analyzer => new object[] { analyzer.GetType().Name });

    public static IEnumerable<object[]> DescriptorCases => Descriptors.Select(descriptor => new object[] { descriptor.Id });

    public static IEnumerable<object[]> CodeFixCases => CodeFixes.Select(fix => new object[] { fix.GetType().Name });

    public static DiagnosticAnalyzer Analyzer(string name) => Analyzers.Single(analyzer => analyzer.GetType().Name == name);

    public static CodeFixProvider CodeFix(string name) => CodeFixes.Single(fix => fix.GetType().Name == name);

    public static DiagnosticDescriptor Descriptor(string id) => Descriptors.Single(descriptor => descriptor.Id == id);

    private static ImmutableArray<T> Instantiate<T>(Assembly assembly) => assembly.GetTypes()
        .Where(type => typeof(T).IsAssignableFrom(type) && !type.IsAbstract)
        .OrderBy(type => type.Name, StringComparer.Ordinal)
        .Select(type => (T)Activator.CreateInstance(type)!)
        .ToImmutableArray();
}
