using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using ConcurrencyAnalyzers.CodeFixes.Core;
using ConcurrencyAnalyzers.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.CodeFixes.ThreadCount;

/// <summary>
/// CONC0401: the thread-per-item loop with its bookkeeping becomes one Parallel.ForEach. Only this shape, whose meaning
/// Parallel.ForEach keeps (every item processed, the method returns once all are done):
/// <code>
/// var threads = new List&lt;Thread&gt;();
/// foreach (var item in items)
/// {
///     var thread = new Thread(() => Work(item));
///     thread.Start();
///     threads.Add(thread);
/// }
/// foreach (var thread in threads) thread.Join();
/// </code>
/// → <c>Parallel.ForEach(items, item => Work(item));</c>. The list must be used nowhere else and the threads not
/// configured (no IsBackground, priority or name).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CONC0401ThreadPerItemCodeFix))]
[Shared]
public sealed class CONC0401ThreadPerItemCodeFix : BatchedCodeFix
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ThreadPerItem);

    protected override string EquivalenceKey => DiagnosticIds.ThreadPerItem;

    protected override string Title(Diagnostic diagnostic) => "Use Parallel.ForEach";

    internal override Task<ImmutableArray<FixEdit>> PlanAsync(FixDocument document, Diagnostic diagnostic) =>
        Task.FromResult(Plan(document, diagnostic));

    private static ImmutableArray<FixEdit> Plan(FixDocument document, Diagnostic diagnostic)
    {
        var span = diagnostic.Location.SourceSpan;
        var model = document.Model;
        var types = document.Types;
        if (span.End > document.Root.FullSpan.End
            || types.Parallel is not { } parallel
            || document.Root.FindNode(span, getInnermostNodeForTie: true) is not BaseObjectCreationExpressionSyntax creationSyntax
            || model.GetOperation(creationSyntax, document.CancellationToken) is not IObjectCreationOperation { Arguments.Length: 1 } creation
            || !WellKnownTypes.Eq(creation.Type, types.Thread)
            || creation.Arguments[0].Value.WalkDownConversions() is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }
            || lambda.Symbol.Parameters.Length != 0
            || lambda.Symbol.IsAsync
            || lambda.Syntax is not AnonymousFunctionExpressionSyntax lambdaSyntax)
        {
            return ImmutableArray<FixEdit>.Empty;
        }

        // var thread = new Thread(...); thread.Start(); threads.Add(thread); — the whole body of a foreach.
        if (creationSyntax.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
            || declarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax threadDeclaration }
            || threadDeclaration.Parent is not BlockSyntax { Statements.Count: 3 } loopBody
            || loopBody.Parent is not ForEachStatementSyntax loop
            || loop.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword)
            || loop.Parent is not BlockSyntax outer
            || model.GetDeclaredSymbol(declarator, document.CancellationToken) is not ILocalSymbol thread)
        {
            return ImmutableArray<FixEdit>.Empty;
        }

        ILocalSymbol? list = null;
        var started = false;
        foreach (var statement in loopBody.Statements)
        {
            if (statement == threadDeclaration)
            {
                continue;
            }

            if (statement is not ExpressionStatementSyntax { Expression: InvocationExpressionSyntax call }
                || model.GetOperation(call, document.CancellationToken) is not IInvocationOperation invocation)
            {
                return ImmutableArray<FixEdit>.Empty;
            }

            if (invocation is { TargetMethod.Name: "Start", Arguments.Length: 0, Instance: ILocalReferenceOperation startedLocal }
                && WellKnownTypes.Eq(startedLocal.Local, thread))
            {
                started = true;
            }
            else if (invocation is { TargetMethod.Name: "Add", Instance: ILocalReferenceOperation listLocal, Arguments.Length: 1 }
                && invocation.Arguments[0].Value.WalkDownConversions() is ILocalReferenceOperation addedLocal
                && WellKnownTypes.Eq(addedLocal.Local, thread)
                && WellKnownTypes.Eq(listLocal.Local.Type.OriginalDefinition, types.ListOfT))
            {
                list = listLocal.Local;
            }
            else
            {
                return ImmutableArray<FixEdit>.Empty;
            }
        }

        var index = outer.Statements.IndexOf(loop);
        if (!started || list is null || index + 1 >= outer.Statements.Count
            || ListDeclaration(outer, list, index, model) is not { } listIndex
            || !IsJoinLoop(outer.Statements[index + 1], list, model)
            || UsesOf(outer.Parent ?? outer, list, model) != 2
            || UsesOf(lambdaSyntax, thread, model) != 0
            || !ElementsMatch(loop, model))
        {
            return ImmutableArray<FixEdit>.Empty;
        }

        var name = loop.Identifier.ValueText;
        var explicitType = loop.Type is IdentifierNameSyntax { IsVar: true } ? null : loop.Type;
        var replace = new FixEdit(loop, current =>
        {
            if (current is not ForEachStatementSyntax currentLoop
                || currentLoop.Statement is not BlockSyntax { Statements.Count: 3 } currentBody
                || currentBody.Statements.OfType<LocalDeclarationStatementSyntax>().FirstOrDefault() is not { } declaration
                || declaration.Declaration.Variables[0].Initializer?.Value is not BaseObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 1 } currentCreation
                || currentCreation.ArgumentList.Arguments[0].Expression is not AnonymousFunctionExpressionSyntax currentLambda
                || currentLambda.Body is not CSharpSyntaxNode body)
            {
                return current;
            }

            return ForEachCall(parallel, currentLoop.Expression, name, explicitType, body).WithTriviaFrom(currentLoop);
        });
        return ImmutableArray.Create(FixEdit.Removal(outer.Statements[listIndex]), replace, FixEdit.Removal(outer.Statements[index + 1]));
    }

    /// <summary>The index of <c>var threads = new List&lt;Thread&gt;();</c> before the loop, in the same block.</summary>
    private static int? ListDeclaration(BlockSyntax outer, ILocalSymbol list, int loopIndex, SemanticModel model)
    {
        for (var i = 0; i < loopIndex; i++)
        {
            if (outer.Statements[i] is LocalDeclarationStatementSyntax { Declaration.Variables.Count: 1 } declaration
                && declaration.Declaration.Variables[0] is var only
                && only.Initializer?.Value is BaseObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 0, Initializer: null }
                && WellKnownTypes.Eq(model.GetDeclaredSymbol(only), list))
            {
                return declaration.Declaration.Variables.Count == 1 ? i : null;
            }
        }

        return null;
    }

    /// <summary><c>foreach (var t in threads) t.Join();</c>, with or without braces.</summary>
    private static bool IsJoinLoop(StatementSyntax statement, ILocalSymbol list, SemanticModel model)
    {
        if (statement is not ForEachStatementSyntax { Expression: IdentifierNameSyntax collection } loop
            || !WellKnownTypes.Eq(model.GetSymbolInfo(collection).Symbol, list))
        {
            return false;
        }

        var body = loop.Statement is BlockSyntax { Statements.Count: 1 } block ? block.Statements[0] : loop.Statement;
        return body is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0, Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Join", Expression: IdentifierNameSyntax joined } } }
            && joined.Identifier.ValueText == loop.Identifier.ValueText;
    }

    private static int UsesOf(SyntaxNode scope, ILocalSymbol local, SemanticModel model)
    {
        var count = 0;
        foreach (var identifier in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (identifier.Identifier.ValueText == local.Name && WellKnownTypes.Eq(model.GetSymbolInfo(identifier).Symbol, local))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The foreach's elements are exactly the IEnumerable&lt;T&gt; elements Parallel.ForEach would hand out.</summary>
    private static bool ElementsMatch(ForEachStatementSyntax loop, SemanticModel model)
    {
        var info = model.GetForEachStatementInfo(loop);
        var source = model.GetTypeInfo(loop.Expression).Type;
        if (info.ElementType is null || source is null || !info.ElementConversion.IsIdentity)
        {
            return false;
        }

        var enumerables = source is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Collections_Generic_IEnumerable_T } self
            ? new[] { self }
            : source.AllInterfaces.Where(i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T).ToArray();
        return enumerables.Length == 1 && SymbolEqualityComparer.Default.Equals(enumerables[0].TypeArguments[0], info.ElementType);
    }

    private static StatementSyntax ForEachCall(INamedTypeSymbol parallel, ExpressionSyntax source, string name, TypeSyntax? explicitType, CSharpSyntaxNode body)
    {
        var parameter = SyntaxFactory.Parameter(SyntaxFactory.Identifier(name));
        AnonymousFunctionExpressionSyntax lambda = explicitType is null
            ? SyntaxFactory.SimpleLambdaExpression(parameter, body)
            : SyntaxFactory.ParenthesizedLambdaExpression(SyntaxFactory.ParameterList(SyntaxFactory.SingletonSeparatedList(parameter.WithType(explicitType.WithoutTrivia()))), body);
        var call = SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, QualifiedType.For(parallel), SyntaxFactory.IdentifierName("ForEach")),
            SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[] { SyntaxFactory.Argument(source.WithoutTrivia()), SyntaxFactory.Argument(lambda) })));
        return SyntaxFactory.ExpressionStatement(call).WithAdditionalAnnotations(Formatter.Annotation);
    }
}
