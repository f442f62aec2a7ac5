using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using ConcurrencyAnalyzers.CodeFixes.Core;
using ConcurrencyAnalyzers.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.CodeFixes.ThreadCount;

/// <summary>
/// CONC0402: the degree of parallelism becomes <c>Environment.ProcessorCount</c>: <c>MaxDegreeOfParallelism = 64</c>,
/// <c>= Environment.ProcessorCount * 4</c> or <c>= files.Length</c>, and <c>WithDegreeOfParallelism(64)</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CONC0402OversubscribedDegreeCodeFix))]
[Shared]
public sealed class CONC0402OversubscribedDegreeCodeFix : BatchedCodeFix
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.OversubscribedDegree);

    protected override string EquivalenceKey => DiagnosticIds.OversubscribedDegree;

    protected override string Title(Diagnostic diagnostic) => "Use Environment.ProcessorCount";

    internal override Task<ImmutableArray<FixEdit>> PlanAsync(FixDocument document, Diagnostic diagnostic)
    {
        var span = diagnostic.Location.SourceSpan;
        if (span.End > document.Root.FullSpan.End
            || document.Types.Environment is not { } environment
            || document.Root.FindNode(span, getInnermostNodeForTie: true) is not { } node)
        {
            return One(null);
        }

        // FindNode may return a node around the expression (an argument); the expression is the one spanning the diagnostic.
        var expression = node as ExpressionSyntax ?? (node as ArgumentSyntax)?.Expression;
        if (expression is null
            || expression.Span != span
            || document.Model.GetOperation(expression, document.CancellationToken) is not { } value
            || !IsDegree(value, document.Types))
        {
            return One(null);
        }

        return One(new FixEdit(expression, current => ProcessorCountSyntax.For(environment).WithTriviaFrom(current)));
    }

    /// <summary>The value of a MaxDegreeOfParallelism assignment or the argument of WithDegreeOfParallelism.</summary>
    private static bool IsDegree(IOperation value, WellKnownTypes types)
    {
        var current = value;
        while (current.Parent is IConversionOperation)
        {
            current = current.Parent;
        }

        return current.Parent switch
        {
            ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "MaxDegreeOfParallelism" } } assignment => assignment.Value == current,
            IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "WithDegreeOfParallelism" } invocation } =>
                WellKnownTypes.Eq(invocation.TargetMethod.ContainingType, types.ParallelEnumerable),
            _ => false,
        };
    }
}
