using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using ConcurrencyAnalyzers.CodeFixes.Core;
using ConcurrencyAnalyzers.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.CodeFixes.Blocking;

/// <summary>CONC0102: <c>Thread.Sleep(x)</c> → <c>await Task.Delay(x, token)</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CONC0102ThreadSleepInAsyncCodeFix))]
[Shared]
public sealed class CONC0102ThreadSleepInAsyncCodeFix : BatchedCodeFix
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ThreadSleepInAsync);

    protected override string EquivalenceKey => DiagnosticIds.ThreadSleepInAsync;

    protected override string Title(Diagnostic diagnostic) => "Use 'await Task.Delay'";

    internal override Task<ImmutableArray<FixEdit>> PlanAsync(FixDocument document, Diagnostic diagnostic) =>
        One(FixTargets.Invocation(document, diagnostic) is { } target ? PlanAwait(document, target.Syntax, target.Operation, assumeAsync: false) : null);

    /// <summary>Thread.Sleep(x) → await Task.Delay(x, token); with <paramref name="assumeAsync"/>, the function is about to be made async.</summary>
    internal static FixEdit? PlanAwait(FixDocument document, InvocationExpressionSyntax syntax, IInvocationOperation operation, bool assumeAsync)
    {
        if (operation.TargetMethod is not { Name: "Sleep", IsStatic: true } sleep
            || !WellKnownTypes.Eq(sleep.ContainingType, document.Types.Thread)
            || syntax.ArgumentList.Arguments.Count != 1
            || document.Types.Task is not { } taskType
            || !FixTargets.IsStatement(syntax)
            || !AwaitSite.CanAwait(syntax, operation, document, assumeAsync))
        {
            return null;
        }

        var token = CancellationTokenScope.Find(syntax, document.Model, document.Types);
        var configureAwait = document.ConfigureAwaitFalse;
        return new FixEdit(syntax, current =>
        {
            var call = (InvocationExpressionSyntax)current;
            var task = QualifiedType.For(taskType);
            var delay = SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, task, SyntaxFactory.IdentifierName("Delay"));
            // Sleep(millisecondsTimeout: x) → Delay(x): the parameter names differ.
            var arguments = call.ArgumentList.WithArguments(SyntaxFactory.SingletonSeparatedList(call.ArgumentList.Arguments[0].WithNameColon(null)));
            if (token is not null)
            {
                arguments = AwaitSyntax.AddArgument(arguments, SyntaxFactory.Argument(token));
            }

            return AwaitSyntax.Await(SyntaxFactory.InvocationExpression(delay, arguments), configureAwait).WithTriviaFrom(current);
        });
    }
}
