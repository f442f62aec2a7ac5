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

/// <summary>CONC0103: <c>reader.ReadToEnd()</c> → <c>await reader.ReadToEndAsync(token)</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CONC0103UseAsyncTwinCodeFix))]
[Shared]
public sealed class CONC0103UseAsyncTwinCodeFix : BatchedCodeFix
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UseAsyncTwin);

    protected override string EquivalenceKey => DiagnosticIds.UseAsyncTwin;

    protected override string Title(Diagnostic diagnostic) =>
        diagnostic.Properties.TryGetValue(BlockingProperties.TwinName, out var name) ? $"Await '{name}'" : "Await the async counterpart";

    internal override Task<ImmutableArray<FixEdit>> PlanAsync(FixDocument document, Diagnostic diagnostic) =>
        One(FixTargets.Invocation(document, diagnostic) is { } target ? PlanAwait(document, target.Syntax, target.Operation, assumeAsync: false) : null);

    /// <summary>
    /// Awaits the twin of the call, re-checked: the twin must still exist and be what the renamed call binds to.
    /// With <paramref name="assumeAsync"/>, the enclosing function is about to be made async.
    /// </summary>
    internal static FixEdit? PlanAwait(FixDocument document, InvocationExpressionSyntax syntax, IInvocationOperation operation, bool assumeAsync)
    {
        if (!AwaitSite.CanAwait(syntax, operation, document, assumeAsync))
        {
            return null;
        }

        var model = document.Model;
        var member = FixTargets.EnclosingMember(model, syntax.SpanStart);
        var function = EnclosingFunction.Of(operation, member);
        var catalog = BlockingCatalog.Get(model.Compilation);
        var exclusions = catalog.Exclusions(document.Document.Project.AnalyzerOptions, syntax.SyntaxTree);
        if (!(function.IsAsync || assumeAsync)
            || catalog.Twins.Find(operation, function, exclusions) is not { } twin
            || Rename(syntax.Expression, twin.Preferred.Name) is null)
        {
            return null;
        }

        var (method, tokenArgument) = ChooseOverload(document, syntax, operation.TargetMethod, twin);
        var planned = Rewrite(syntax, method.Name, tokenArgument);
        var bound = model.GetSpeculativeSymbolInfo(syntax.SpanStart, planned, SpeculativeBindingOption.BindAsExpression).Symbol as IMethodSymbol;
        if (bound is null || !WellKnownTypes.Eq((bound.ReducedFrom ?? bound).OriginalDefinition, (method.ReducedFrom ?? method).OriginalDefinition))
        {
            return null;
        }

        var configureAwait = document.ConfigureAwaitFalse;
        return new FixEdit(syntax, current =>
            AwaitSyntax.Await(Rewrite((InvocationExpressionSyntax)current, method.Name, tokenArgument), configureAwait).WithTriviaFrom(current));
    }

    private static InvocationExpressionSyntax Rewrite(InvocationExpressionSyntax invocation, string twinName, ArgumentSyntax? token)
    {
        var renamed = invocation.WithExpression(Rename(invocation.Expression, twinName)!);
        return token is null ? renamed : renamed.WithArgumentList(AwaitSyntax.AddArgument(renamed.ArgumentList, token));
    }

    private static ExpressionSyntax? Rename(ExpressionSyntax expression, string name) => expression switch
    {
        MemberAccessExpressionSyntax memberAccess when RenameSimple(memberAccess.Name, name) is { } renamed => memberAccess.WithName(renamed),
        SimpleNameSyntax simple => RenameSimple(simple, name),
        _ => null, // Conditional access (x?.Read()) would await a null task.
    };

    private static SimpleNameSyntax? RenameSimple(SimpleNameSyntax simple, string name)
    {
        var identifier = SyntaxFactory.Identifier(name).WithTriviaFrom(simple.Identifier);
        return simple switch
        {
            IdentifierNameSyntax identifierName => identifierName.WithIdentifier(identifier),
            GenericNameSyntax genericName => genericName.WithIdentifier(identifier),
            _ => null,
        };
    }

    /// <summary>
    /// The overload that forwards the token in scope when there is one; else the plain overload; else the token
    /// overload with no argument (optional parameter) or <c>CancellationToken.None</c> (required parameter).
    /// </summary>
    private static (IMethodSymbol Method, ArgumentSyntax? Token) ChooseOverload(FixDocument document, InvocationExpressionSyntax call, IMethodSymbol sync, AsyncTwin twin)
    {
        var token = twin.WithToken is null ? null : CancellationTokenScope.Find(call, document.Model, document.Types);
        if (twin.WithToken is not { } withToken || (token is null && twin.Plain is not null))
        {
            return (twin.Plain!, null);
        }

        var parameter = withToken.Parameters[withToken.Parameters.Length - 1];
        if (token is null)
        {
            if (parameter.IsOptional || document.Types.CancellationToken is not { } tokenType)
            {
                return (withToken, null);
            }

            token = SyntaxFactory.MemberAccessExpression(
                SyntaxKind.SimpleMemberAccessExpression,
                QualifiedType.For(tokenType),
                SyntaxFactory.IdentifierName("None"));
        }

        // Positional only when every sync parameter has a positional argument; else name it.
        var syncParameters = sync.IsExtensionMethod ? sync.Parameters.Length - 1 : sync.Parameters.Length;
        var arguments = call.ArgumentList.Arguments;
        var positional = arguments.Count == syncParameters && (syncParameters == 0 || !sync.Parameters[sync.Parameters.Length - 1].IsParams);
        foreach (var argument in arguments)
        {
            positional &= argument.NameColon is null;
        }

        var tokenArgument = SyntaxFactory.Argument(token);
        return (withToken, positional
            ? tokenArgument
            : tokenArgument.WithNameColon(SyntaxFactory.NameColon(CancellationTokenScope.Name(parameter.Name)).WithTrailingTrivia(SyntaxFactory.Space)));
    }
}
