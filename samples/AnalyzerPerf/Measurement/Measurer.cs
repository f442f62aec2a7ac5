using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using AnalyzerPerf.Corpus;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AnalyzerPerf.Measurement;

/// <summary>
/// Times one compilation two ways, both on one thread so the figures compare: the plain compile (parse, bind, emit),
/// and every analyzer's own execution time as Roslyn's driver logs it (the figure `-p:ReportAnalyzer=true` shows).
/// </summary>
public sealed class Measurer
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly CSharpCompilationOptions CompilationOptions = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
        .WithConcurrentBuild(false)
        .WithOptimizationLevel(OptimizationLevel.Release);

    public Measurer(ImmutableArray<DiagnosticAnalyzer> analyzers, bool bindFirst = false)
    {
        Analyzers = analyzers;
        BindFirst = bindFirst;
    }

    public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; }

    /// <summary>Every member body is bound before the analyzers run (<see cref="BodyBinder"/>), and that time is not reported.</summary>
    public bool BindFirst { get; }

    /// <summary>Parse, bind and emit from scratch; returns the elapsed time and the compile errors (there must be none).</summary>
    public (TimeSpan Elapsed, IReadOnlyList<string> Errors) Compile(IReadOnlyList<SourceFile> files)
    {
        var clock = Stopwatch.StartNew();
        var compilation = Create(files);
        using var peStream = new MemoryStream();
        var result = compilation.Emit(peStream);
        clock.Stop();
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        return (clock.Elapsed, errors);
    }

    /// <summary>Runs every analyzer over a fresh compilation of the files (its declarations bound), one callback at a time.</summary>
    public AnalysisRun Analyze(IReadOnlyList<SourceFile> files, bool concurrent = false, CancellationToken cancellationToken = default)
    {
        var failures = new ConcurrentQueue<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, analyzer, _) => failures.Enqueue($"{analyzer.GetType().Name}: {exception}"),
            concurrentAnalysis: concurrent,
            logAnalyzerExecutionTime: true);
        // A build has resolved the references and bound every declaration before analyzers see the compilation; doing
        // it here keeps that compiler work out of whichever analyzer happens to touch a symbol first.
        var compilation = Create(files);
        _ = compilation.GetDeclarationDiagnostics(cancellationToken);
        var withAnalyzers = compilation.WithAnalyzers(BindFirst ? Analyzers.Add(new BodyBinder()) : Analyzers, options);
        var diagnostics = withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).GetAwaiter().GetResult();
        foreach (var crash in diagnostics.Where(d => d.Id == "AD0001"))
        {
            failures.Enqueue(crash.ToString());
        }

        var times = new Dictionary<DiagnosticAnalyzer, TimeSpan>();
        foreach (var analyzer in Analyzers)
        {
            times[analyzer] = withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, cancellationToken).GetAwaiter().GetResult().ExecutionTime;
        }

        var reported = diagnostics.Where(d => d.Id.StartsWith("CONC", StringComparison.Ordinal)).ToImmutableArray();
        return new AnalysisRun(times, reported, failures.ToList());
    }

    public static CSharpCompilation Create(IReadOnlyList<SourceFile> files) =>
        CSharpCompilation.Create(
            "Corpus",
            files.Select(f => CSharpSyntaxTree.ParseText(f.Text, ParseOptions, f.Path)),
            FrameworkReferences.Get(),
            CompilationOptions);
}

/// <summary>One analysis pass: each analyzer's execution time, what the rules reported, and any analyzer failure.</summary>
public sealed record AnalysisRun(
    IReadOnlyDictionary<DiagnosticAnalyzer, TimeSpan> Times,
    ImmutableArray<Diagnostic> Diagnostics,
    IReadOnlyList<string> Failures);
