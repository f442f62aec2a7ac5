using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AnalyzerPerf.Measurement;

// A measuring aid hosted in this process only, never shipped: the rules for shipped analyzers do not apply, and its
// whole point is to bind bodies through GetSemanticModel at compilation start (RS1030, RS1012).
#pragma warning disable RS1012, RS1030, RS1036, RS1041, RS2008

/// <summary>
/// For <c>--bind-first</c>: binds every method, constructor, operator and accessor body of the compilation through the
/// driver's own semantic models when analysis starts, before any other analyzer runs. Compiler work that an analyzer
/// would otherwise trigger first (a helper's body it asks for before the driver does) is then done here, and each
/// analyzer's logged time is its own work. Its time is not reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BodyBinder : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Never = new(
        "PERF0001", "Bodies bound first", "Never reported", "Measurement", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Never);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            foreach (var tree in start.Compilation.SyntaxTrees)
            {
                var model = start.Compilation.GetSemanticModel(tree);
                foreach (var node in tree.GetRoot(start.CancellationToken).DescendantNodes())
                {
                    if (node is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax
                        || node is ArrowExpressionClauseSyntax { Parent: PropertyDeclarationSyntax or IndexerDeclarationSyntax })
                    {
                        model.GetOperation(node, start.CancellationToken);
                    }
                }
            }
        });
    }
}
