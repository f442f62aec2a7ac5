using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ConcurrencyAnalyzers.CodeFixes.Core;
using ConcurrencyAnalyzers.Core;
using ConcurrencyAnalyzers.CpuBound;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.CodeFixes.CpuBound;

/// <summary>What a CPU-bound diagnostic points at: a loop statement or an invocation, with its operation.</summary>
internal sealed class CpuBoundTarget
{
    public CpuBoundTarget(SyntaxNode syntax, IOperation operation)
    {
        Syntax = syntax;
        Operation = operation;
    }

    public SyntaxNode Syntax { get; }

    public IOperation Operation { get; }
}

/// <summary>
/// The rewrites of the CPU-bound fixes: move a loop or call into <c>await Task.Run(() => ..., token)</c> (returning
/// the value the loop computes into a local declared just before it), or split a loop with independent iterations into
/// <c>Parallel.For</c>/<c>Parallel.ForEach</c>. Each is offered only where data and control flow let the code move
/// into a lambda.
/// </summary>
internal static class CpuBoundRewrites
{
    public static CpuBoundTarget? TargetOf(FixDocument document, Diagnostic diagnostic)
    {
        var span = diagnostic.Location.SourceSpan;
        if (span.End > document.Root.FullSpan.End)
        {
            return null;
        }

        if (diagnostic.Properties.TryGetValue(CpuBoundWorkFinder.KindProperty, out var kind) && kind == CpuBoundWorkFinder.LoopKind)
        {
            for (var node = document.Root.FindToken(span.Start).Parent; node is not null; node = node.Parent)
            {
                if (node is StatementSyntax and (ForStatementSyntax or CommonForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax)
                    && CpuBoundWorkFinder.LoopHeader(node).SourceSpan == span
                    && document.Model.GetOperation(node, document.CancellationToken) is ILoopOperation loop)
                {
                    return new CpuBoundTarget(node, loop);
                }
            }

            return null;
        }

        return FixTargets.Invocation(document, diagnostic) is { } invocation ? new CpuBoundTarget(invocation.Syntax, invocation.Operation) : null;
    }

    /// <summary>
    /// True when the code can run inside a lambda unchanged: no ref, out or in parameter, ref local or ref struct
    /// declared outside it; no <c>this</c> of a struct; no await or yield; no return, break, continue or goto out of it.
    /// </summary>
    public static bool CanMoveIntoLambda(SyntaxNode region, FixDocument document)
    {
        var model = document.Model;
        DataFlowAnalysis? dataFlow;
        ControlFlowAnalysis? controlFlow = null;
        if (region is StatementSyntax statement)
        {
            dataFlow = model.AnalyzeDataFlow(statement);
            controlFlow = model.AnalyzeControlFlow(statement);
            if (controlFlow is null || !controlFlow.Succeeded || !controlFlow.ExitPoints.IsEmpty || !controlFlow.ReturnStatements.IsEmpty)
            {
                return false;
            }
        }
        else if (region is ExpressionSyntax expression)
        {
            dataFlow = model.AnalyzeDataFlow(expression);
        }
        else
        {
            return false;
        }

        if (dataFlow is null || !dataFlow.Succeeded)
        {
            return false;
        }

        foreach (var symbol in dataFlow.ReadInside.Concat(dataFlow.WrittenInside))
        {
            switch (symbol)
            {
                case IParameterSymbol { IsThis: true, Type.IsValueType: true }:
                    return false;
                case IParameterSymbol { RefKind: not RefKind.None }:
                    return false;
                case IParameterSymbol { Type.IsRefLikeType: true }:
                    return false;
                case ILocalSymbol local when (local.IsRef || local.Type.IsRefLikeType) && !IsDeclaredIn(local, region):
                    return false;
            }
        }

        // Writes inside a lambda do not count as definite assignment after it: a local that the region assigns and the
        // code after it reads must already be assigned before (else CS0165).
        foreach (var symbol in dataFlow.DataFlowsOut)
        {
            if (dataFlow.WrittenInside.Contains(symbol) && !dataFlow.DefinitelyAssignedOnEntry.Contains(symbol))
            {
                return false;
            }
        }

        foreach (var node in region.DescendantNodesAndSelf(n => n == region || n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (node is AwaitExpressionSyntax or YieldStatementSyntax
                || (node is CommonForEachStatementSyntax { AwaitKeyword.RawKind: not 0 })
                || (node is UsingStatementSyntax { AwaitKeyword.RawKind: not 0 })
                || (node is LocalDeclarationStatementSyntax { AwaitKeyword.RawKind: not 0 }))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDeclaredIn(ISymbol symbol, SyntaxNode region) =>
        symbol.DeclaringSyntaxReferences.Any(reference => reference.SyntaxTree == region.SyntaxTree && region.Span.Contains(reference.Span));

    /// <summary>
    /// The local the loop computes, when it is the only one written inside and read after, declared with an
    /// initializer by the statement just before the loop: that declaration moves into the lambda, which returns it.
    /// </summary>
    public static LocalDeclarationStatementSyntax? ComputedLocal(StatementSyntax loop, FixDocument document)
    {
        if (loop.Parent is not BlockSyntax block
            || document.Model.Compilation is not CSharpCompilation { LanguageVersion: >= LanguageVersion.CSharp8 })
        {
            return null; // Before C# 8 a lambda's local cannot reuse the name of the local it is assigned to.
        }

        var index = block.Statements.IndexOf(loop);
        if (index < 1
            || block.Statements[index - 1] is not LocalDeclarationStatementSyntax { Declaration.Variables: { Count: 1 } variables } declaration
            || declaration.UsingKeyword.RawKind != 0
            || declaration.Modifiers.Count != 0
            || variables[0].Initializer is null
            || declaration.Declaration.Type is RefTypeSyntax)
        {
            return null;
        }

        var dataFlow = document.Model.AnalyzeDataFlow(loop);
        if (dataFlow is null || !dataFlow.Succeeded || dataFlow.DataFlowsOut.Length != 1
            || document.Model.GetDeclaredSymbol(variables[0], document.CancellationToken) is not ILocalSymbol local
            || !WellKnownTypes.Eq(dataFlow.DataFlowsOut[0], local)
            || dataFlow.Captured.Contains(local, SymbolEqualityComparer.Default))
        {
            return null;
        }

        // A local captured by a lambda elsewhere in the block would see the lambda's copy, not the result.
        if (document.Model.AnalyzeDataFlow(block) is { Succeeded: true } whole
            && whole.Captured.Contains(local, SymbolEqualityComparer.Default))
        {
            return null;
        }

        return declaration;
    }

    /// <summary><c>await Task.Run(() => { statements }, token)</c>, as a statement or as the initializer of a declaration.</summary>
    public static StatementSyntax OffloadStatements(
        IEnumerable<StatementSyntax> statements,
        LocalDeclarationStatementSyntax? declaration,
        SyntaxNode site,
        FixDocument document)
    {
        // The statements keep their comments; the formatter re-indents them inside the lambda.
        var body = SyntaxFactory.Block(statements);
        if (declaration is not null)
        {
            var name = declaration.Declaration.Variables[0].Identifier.ValueText;
            body = body.AddStatements(SyntaxFactory.ReturnStatement(CancellationTokenScope.Name(name)));
        }

        var awaited = TaskRun(SyntaxFactory.ParenthesizedLambdaExpression(SyntaxFactory.ParameterList(), body), site, document);
        StatementSyntax result = declaration is null
            ? SyntaxFactory.ExpressionStatement(awaited)
            : SyntaxFactory.LocalDeclarationStatement(
                SyntaxFactory.VariableDeclaration(
                    declaration.Declaration.Type,
                    SyntaxFactory.SingletonSeparatedList(
                        SyntaxFactory.VariableDeclarator(declaration.Declaration.Variables[0].Identifier)
                            .WithInitializer(SyntaxFactory.EqualsValueClause(awaited)))));
        return result.WithAdditionalAnnotations(Formatter.Annotation);
    }

    /// <summary><c>await Task.Run(lambda, token)</c> with the file's ConfigureAwait style.</summary>
    public static ExpressionSyntax TaskRun(ExpressionSyntax lambda, SyntaxNode site, FixDocument document)
    {
        var arguments = new List<ArgumentSyntax> { SyntaxFactory.Argument(lambda) };
        if (CancellationTokenScope.Find(site, document.Model, document.Types) is { } token)
        {
            arguments.Add(SyntaxFactory.Argument(token));
        }

        var call = SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, QualifiedType.For(document.Types.Task!), SyntaxFactory.IdentifierName("Run")),
            SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments)));
        return AwaitSyntax.Await(call, document.ConfigureAwaitFalse);
    }

    /// <summary>
    /// <c>Parallel.For(a, b, i => body)</c> for <c>for (int i = a; i &lt; b; i++) body</c>, or
    /// <c>Parallel.ForEach(items, item => body)</c> for <c>foreach (var item in items) body</c>; the body's own
    /// <c>continue</c> becomes <c>return</c>. Null where the loop's shape does not allow it.
    /// </summary>
    public static ExpressionSyntax? ParallelLoop(StatementSyntax loop, ILoopOperation operation, FixDocument document)
    {
        if (document.Types.Parallel is not { } parallel || !LoopIndependence.IsParallelizable(operation, document.Types))
        {
            return null;
        }

        string method;
        ExpressionSyntax[] leading;
        SyntaxToken variable;
        StatementSyntax body;
        switch (loop)
        {
            case ForStatementSyntax { Declaration.Variables: { Count: 1 } variables, Condition: BinaryExpressionSyntax condition } forLoop
                when operation is IForLoopOperation { Locals: { Length: 1 } locals } forOperation
                     && variables[0].Initializer is { } initializer
                     && forOperation.Condition?.WalkDownConversions() is IBinaryOperation bound
                     && SameType(document.Model.GetTypeInfo(initializer.Value).Type, locals[0].Type)
                     && SameType(bound.RightOperand.WalkDownConversions().Type, locals[0].Type):
                method = "For";
                leading = new[] { initializer.Value.WithoutTrivia(), condition.Right.WithoutTrivia() };
                variable = variables[0].Identifier;
                body = forLoop.Statement;
                break;
            case ForEachStatementSyntax forEach when operation is IForEachLoopOperation { Locals: { Length: 1 } locals }
                && IsEnumerableOf(document.Model.GetTypeInfo(forEach.Expression).Type, locals[0].Type):
                method = "ForEach";
                leading = new[] { forEach.Expression.WithoutTrivia() };
                variable = forEach.Identifier;
                body = forEach.Statement;
                break;
            default:
                return null;
        }

        // A single expression statement stays one line: i => output[i] = f(i).
        var parameter = SyntaxFactory.Parameter(variable.WithoutTrivia());
        var lambda = body is ExpressionStatementSyntax single
            ? SyntaxFactory.SimpleLambdaExpression(parameter, single.Expression.WithoutTrivia())
            : SyntaxFactory.SimpleLambdaExpression(parameter, ContinueAsReturn(body is BlockSyntax b ? b : SyntaxFactory.Block(body.WithoutTrivia())).WithoutTrivia());
        var arguments = leading.Select(SyntaxFactory.Argument).Append(SyntaxFactory.Argument(lambda));
        return SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, QualifiedType.For(parallel), SyntaxFactory.IdentifierName(method)),
            SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments)));
    }

    private static bool SameType(ITypeSymbol? a, ITypeSymbol? b) => a is not null && SymbolEqualityComparer.Default.Equals(a, b);

    /// <summary>The collection implements IEnumerable&lt;T&gt; of the iteration variable's exact type (no cast in the loop).</summary>
    private static bool IsEnumerableOf(ITypeSymbol? collection, ITypeSymbol element)
    {
        if (collection is null || collection.IsRefLikeType)
        {
            return false;
        }

        if (collection is IArrayTypeSymbol array)
        {
            return array.Rank == 1 && SymbolEqualityComparer.Default.Equals(array.ElementType, element);
        }

        var candidates = collection is INamedTypeSymbol named ? collection.AllInterfaces.Add(named) : collection.AllInterfaces;
        foreach (var candidate in candidates)
        {
            if (candidate.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T
                && SymbolEqualityComparer.Default.Equals(candidate.TypeArguments[0], element))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Rewrites the loop body's own <c>continue</c> statements (not those of nested loops or lambdas) as <c>return</c>.</summary>
    private static BlockSyntax ContinueAsReturn(BlockSyntax body)
    {
        var own = body.DescendantNodes(n => n == body || n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax
                or ForStatementSyntax or CommonForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax))
            .OfType<ContinueStatementSyntax>()
            .ToList();
        return own.Count == 0
            ? body
            : body.ReplaceNodes(own, (original, _) => SyntaxFactory.ReturnStatement().WithTriviaFrom(original));
    }
}
