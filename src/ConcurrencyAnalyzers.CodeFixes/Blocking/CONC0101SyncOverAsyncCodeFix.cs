using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using ConcurrencyAnalyzers.CodeFixes.Core;
using ConcurrencyAnalyzers.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConcurrencyAnalyzers.CodeFixes.Blocking;

/// <summary>CONC0101: <c>t.Result</c>, <c>t.Wait()</c>, <c>t.GetAwaiter().GetResult()</c> → <c>await t</c>;
/// <c>Task.WaitAll/WaitAny(...)</c> → <c>await Task.WhenAll/WhenAny(...)</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CONC0101SyncOverAsyncCodeFix))]
[Shared]
public sealed class CONC0101SyncOverAsyncCodeFix : BatchedCodeFix
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.SyncOverAsync);

    protected override string EquivalenceKey => DiagnosticIds.SyncOverAsync;

    protected override string Title(Diagnostic diagnostic) =>
        diagnostic.Properties.TryGetValue(BlockingProperties.Kind, out var kind) && kind is nameof(TaskWaitKind.WaitAll) or nameof(TaskWaitKind.WaitAny)
            ? $"Use 'await Task.{(kind == nameof(TaskWaitKind.WaitAll) ? "WhenAll" : "WhenAny")}'"
            : "Await the task";

    internal override Task<ImmutableArray<FixEdit>> PlanAsync(FixDocument document, Diagnostic diagnostic)
    {
        foreach (var expression in FixTargets.ExpressionsEndingAt(document.Root, diagnostic))
        {
            var operation = document.Model.GetOperation(expression, document.CancellationToken);
            if (operation is not null && operation.Syntax == expression && TaskWait.Match(operation, document.Types) is not null)
            {
                return One(PlanAwait(document, expression, operation, assumeAsync: false));
            }
        }

        return One(null);
    }

    /// <summary>The wait → await; with <paramref name="assumeAsync"/>, the function is about to be made async.</summary>
    internal static FixEdit? PlanAwait(FixDocument document, ExpressionSyntax expression, IOperation operation, bool assumeAsync)
    {
        if (TaskWait.Match(operation, document.Types) is not { } wait || !AwaitSite.CanAwait(expression, operation, document, assumeAsync))
        {
            return null;
        }

        var configureAwait = document.ConfigureAwaitFalse;
        return wait.Kind switch
        {
            TaskWaitKind.Result when expression is MemberAccessExpressionSyntax =>
                new FixEdit(expression, current => AwaitSyntax.Await(((MemberAccessExpressionSyntax)current).Expression, configureAwait).WithTriviaFrom(current)),
            TaskWaitKind.Wait when expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax, ArgumentList.Arguments.Count: 0 } =>
                new FixEdit(expression, current => AwaitSyntax.Await(Receiver(current), configureAwait).WithTriviaFrom(current)),
            // ConfigureAwait only on a task: not on an awaitable already configured, nor on a custom awaitable.
            TaskWaitKind.GetResult when wait.Task is { } task && IsGetAwaiterGetResult(expression) =>
                new FixEdit(expression, current => AwaitGetResult(current, configureAwait && document.Types.IsTaskLike(task.Type))),
            TaskWaitKind.WaitAll or TaskWaitKind.WaitAny when CanUseWhen(wait, expression, document) =>
                new FixEdit(expression, current => AwaitSyntax.Await(RenameToWhen((InvocationExpressionSyntax)current, wait.Kind), configureAwait).WithTriviaFrom(current)),
            _ => null,
        };
    }

    private static ExpressionSyntax Receiver(SyntaxNode invocation) =>
        ((MemberAccessExpressionSyntax)((InvocationExpressionSyntax)invocation).Expression).Expression;

    private static bool IsGetAwaiterGetResult(ExpressionSyntax expression) =>
        expression is InvocationExpressionSyntax
        {
            Expression: MemberAccessExpressionSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax, ArgumentList.Arguments.Count: 0 } },
        };

    private static SyntaxNode AwaitGetResult(SyntaxNode current, bool configureAwait)
    {
        return AwaitSyntax.Await(Receiver(Receiver(current)), configureAwait).WithTriviaFrom(current);
    }

    /// <summary>
    /// Only the overloads without a timeout or token have a WhenAll/WhenAny twin; WaitAny's index must be unused; and
    /// the renamed call must bind to Task.WhenAll/WhenAny (a method of that name in scope could capture it).
    /// </summary>
    private static bool CanUseWhen(TaskWait wait, ExpressionSyntax expression, FixDocument document)
    {
        if (wait.Member is not IMethodSymbol { Parameters.Length: 1 }
            || expression is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax or IdentifierNameSyntax } invocation
            || !FixTargets.IsStatement(expression))
        {
            return false;
        }

        var renamed = RenameToWhen(invocation, wait.Kind);
        var bound = document.Model.GetSpeculativeSymbolInfo(expression.SpanStart, renamed, SpeculativeBindingOption.BindAsExpression).Symbol;
        return bound is IMethodSymbol { IsStatic: true } method && WellKnownTypes.Eq(method.ContainingType, document.Types.Task);
    }

    private static ExpressionSyntax RenameToWhen(InvocationExpressionSyntax invocation, TaskWaitKind kind)
    {
        var name = SyntaxFactory.IdentifierName(kind == TaskWaitKind.WaitAll ? "WhenAll" : "WhenAny");
        return invocation.Expression switch
        {
            MemberAccessExpressionSyntax memberAccess => invocation.WithExpression(memberAccess.WithName(name.WithTriviaFrom(memberAccess.Name))),
            var simple => invocation.WithExpression(name.WithTriviaFrom(simple)),
        };
    }
}
