using System.Collections.Immutable;
using System.Composition;
using ConcurrencyAnalyzers.CodeFixes.Core;
using ConcurrencyAnalyzers.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConcurrencyAnalyzers.CodeFixes.Blocking;

/// <summary>CONC0102: <c>Thread.Sleep(x)</c> → <c>await Task.Delay(x, token)</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CONC0102ThreadSleepInAsyncCodeFix))]
[Shared]
public sealed class CONC0102ThreadSleepInAsyncCodeFix : BatchedCodeFix
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ThreadSleepInAsync);

    protected override string EquivalenceKey => DiagnosticIds.ThreadSleepInAsync;

    protected override string Title(Diagnostic diagnostic) => "Use 'await Task.Delay'";

    internal override FixEdit? Plan(FixDocument document, Diagnostic diagnostic)
    {
        if (FixTargets.Invocation(document, diagnostic) is not { } target
            || target.Operation.TargetMethod is not { Name: "Sleep", IsStatic: true } sleep
            || !WellKnownTypes.Eq(sleep.ContainingType, document.Types.Thread)
            || target.Syntax.ArgumentList.Arguments.Count != 1
            || document.Types.Task is not { } taskType
            || !FixTargets.IsStatement(target.Syntax)
            || !AwaitSite.CanAwait(target.Syntax, target.Operation, document))
        {
            return null;
        }

        var token = CancellationTokenScope.Find(target.Syntax, document.Model, document.Types);
        var configureAwait = document.ConfigureAwaitFalse;
        return new FixEdit(target.Syntax, current =>
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
