using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using ConcurrencyAnalyzers.CodeFixes.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.CodeFixes.CpuBound;

/// <summary>
/// CONC0201, two fixes. Offload (the default, equivalence key <c>CONC0201</c>): the loop or call moves into
/// <c>await Task.Run(() => ..., token)</c>, returning the value a loop computes into the local declared just before it.
/// Parallelize (key <c>CONC0201.ParallelFor</c>), for loops with independent iterations:
/// <c>await Task.Run(() => Parallel.For(a, b, i => ...), token)</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CONC0201CpuBoundInAsyncCodeFix))]
[Shared]
public sealed class CONC0201CpuBoundInAsyncCodeFix : BatchedCodeFix
{
    internal const string ParallelKey = DiagnosticIds.CpuBoundInAsync + ".ParallelFor";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.CpuBoundInAsync);

    protected override string EquivalenceKey => DiagnosticIds.CpuBoundInAsync;

    protected override ImmutableArray<string> ActionKeys { get; } = ImmutableArray.Create(DiagnosticIds.CpuBoundInAsync, ParallelKey);

    protected override string Title(Diagnostic diagnostic) => "Offload to the thread pool with Task.Run";

    protected override string Title(Diagnostic diagnostic, string key) =>
        key == ParallelKey ? "Split across cores with Parallel.For inside Task.Run" : Title(diagnostic);

    internal override Task<ImmutableArray<FixEdit>> PlanAsync(FixDocument document, Diagnostic diagnostic) =>
        PlanAsync(document, diagnostic, EquivalenceKey);

    internal override Task<ImmutableArray<FixEdit>> PlanAsync(FixDocument document, Diagnostic diagnostic, string key)
    {
        if (document.Types.Task is null
            || CpuBoundRewrites.TargetOf(document, diagnostic) is not { } target
            || !AwaitSite.CanAwait(target.Syntax, target.Operation, document)
            || !CpuBoundRewrites.CanMoveIntoLambda(target.Syntax, document))
        {
            return Task.FromResult(ImmutableArray<FixEdit>.Empty);
        }

        var edits = key == ParallelKey ? PlanParallel(target, document) : PlanOffload(target, document);
        return Task.FromResult(edits);
    }

    private static ImmutableArray<FixEdit> PlanOffload(CpuBoundTarget target, FixDocument document)
    {
        if (target.Syntax is StatementSyntax loop)
        {
            if (CpuBoundRewrites.ComputedLocal(loop, document) is { } declaration)
            {
                return ImmutableArray.Create(
                    new FixEdit(declaration, current => CpuBoundRewrites.OffloadStatements(
                        new StatementSyntax[] { (StatementSyntax)current.WithoutLeadingTrivia(), loop }, (LocalDeclarationStatementSyntax)current, loop, document)
                        .WithTriviaFrom(current)),
                    FixEdit.Removal(loop));
            }

            return ImmutableArray.Create(new FixEdit(loop, current => CpuBoundRewrites.OffloadStatements(
                new[] { ((StatementSyntax)current).WithoutTrivia() }, null, loop, document).WithTriviaFrom(current)));
        }

        // In x?.Heavy() the call is bound to the conditional access's receiver and cannot move into a lambda alone.
        if (target.Syntax is InvocationExpressionSyntax invocation && target.Operation is IInvocationOperation call
            && !IsConditionallyAccessed(invocation) && CanOffloadCall(call, document))
        {
            return ImmutableArray.Create(new FixEdit(invocation, current =>
                CpuBoundRewrites.TaskRun(
                    SyntaxFactory.ParenthesizedLambdaExpression(SyntaxFactory.ParameterList(), ((ExpressionSyntax)current).WithoutTrivia()),
                    invocation,
                    document).WithTriviaFrom(current)));
        }

        return ImmutableArray<FixEdit>.Empty;
    }

    private static bool IsConditionallyAccessed(ExpressionSyntax expression)
    {
        for (SyntaxNode? node = expression; node is ExpressionSyntax; node = node.Parent)
        {
            if (node.Parent is ConditionalAccessExpressionSyntax access && access.WhenNotNull == node)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A call whose value Task.Run can carry: not awaitable itself (Task.Run would unwrap it), not by ref, not a ref struct.</summary>
    private static bool CanOffloadCall(IInvocationOperation call, FixDocument document)
    {
        var method = call.TargetMethod;
        if (method.ReturnsByRef || method.ReturnsByRefReadonly || call.Type is { IsRefLikeType: true } || document.Types.IsTaskLike(call.Type))
        {
            return false;
        }

        // A deferred LINQ sequence would be built on the pool and enumerated, with all its work, back on the caller.
        if (ConcurrencyAnalyzers.CpuBound.CpuBoundWorkFinder.IsDeferredSequence(call.Type))
        {
            return false;
        }

        foreach (var argument in call.Arguments)
        {
            if (argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out)
            {
                return false;
            }
        }

        return true;
    }

    private static ImmutableArray<FixEdit> PlanParallel(CpuBoundTarget target, FixDocument document)
    {
        if (target.Syntax is not StatementSyntax loop
            || target.Operation is not ILoopOperation operation
            || CpuBoundRewrites.ParallelLoop(loop, operation, document) is null)
        {
            return ImmutableArray<FixEdit>.Empty;
        }

        return ImmutableArray.Create(new FixEdit(loop, current =>
        {
            var parallel = CpuBoundRewrites.ParallelLoop(loop, operation, document)!;
            var lambda = SyntaxFactory.ParenthesizedLambdaExpression(SyntaxFactory.ParameterList(), parallel);
            return SyntaxFactory.ExpressionStatement(CpuBoundRewrites.TaskRun(lambda, loop, document))
                .WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation)
                .WithTriviaFrom(current);
        }));
    }
}
