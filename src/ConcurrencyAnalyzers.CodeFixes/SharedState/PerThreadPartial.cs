using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ConcurrencyAnalyzers.CodeFixes.Core;
using ConcurrencyAnalyzers.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.CodeFixes.SharedState;

/// <summary>
/// Rewrites a Parallel.For/ForEach whose body adds to a captured local into the localInit/localFinally overload:
/// each worker adds into its own partial result (a parameter of the new body, returned by every iteration), and
/// adds that partial to the local once, with Interlocked.Add, when it finishes.
/// <code>
/// long count = 0;                                    long count = 0;
/// Parallel.For(0, n, i =>                            Parallel.For(0, n, () => 0L, (i, state, localCount) =>
/// {                                                  {
///     if (Valid(i)) count++;               →             if (Valid(i)) localCount++;
/// });                                                    return localCount;
///                                                    }, localCount => Interlocked.Add(ref count, localCount));
/// </code>
/// Only where that is the same computation: every use of the local in the body is a <c>++</c>, <c>--</c>,
/// <c>+=</c>, <c>-=</c> or <c>x = x ± e</c> statement, no other captured local is accumulated there, and the local is
/// an int, long, uint or ulong that Interlocked.Add takes.
/// </summary>
internal static class PerThreadPartial
{
    public static ImmutableArray<FixEdit> Plan(FixDocument document, IOperation update, bool isChecked)
    {
        var types = document.Types;
        if (isChecked
            || types.Interlocked is not { } interlocked
            || SharedUpdate.TargetOf(update, types)?.WalkDownConversions() is not ILocalReferenceOperation { Local: var local }
            || ConcurrentContext.Of(update, types) is not { ParameterName: "body", Registration: IInvocationOperation invocation } context
            || invocation.Syntax is not InvocationExpressionSyntax invocationSyntax
            || !IsLoopWithPlainBody(invocation, types)
            || context.Function.Syntax is not LambdaExpressionSyntax lambda
            || lambda.AsyncKeyword.RawKind != 0
            || Parameters(lambda) is not { } parameters
            || parameters.Any(p => p.Type is not null || p.Modifiers.Count > 0)
            || InitialValue(local.Type) is not { } initial
            || !HasAdd(interlocked, local.Type)
            || context.Lambda is not { } function
            || Updates(function, local, types) is not { } references)
        {
            return ImmutableArray<FixEdit>.Empty;
        }

        var model = document.Model;
        var taken = new HashSet<string>(lambda.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText));
        string Free(string name)
        {
            for (var suffix = 1; ; suffix++)
            {
                var candidate = suffix == 1 ? name : name + suffix;
                if (!taken.Contains(candidate) && model.LookupSymbols(lambda.SpanStart, name: candidate).IsEmpty)
                {
                    taken.Add(candidate);
                    return candidate;
                }
            }
        }

        var state = parameters.Count == 2 ? parameters[1].Identifier.ValueText : Free("state");
        var partial = Free("local" + char.ToUpperInvariant(local.Name[0]) + local.Name.Substring(1));

        // Every return of this body (not of nested functions) now hands the partial on; so does its end.
        var returns = lambda.Body.DescendantNodesAndSelf(n => n == lambda.Body || n is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax)
            .OfType<ReturnStatementSyntax>().ToList();
        var appendReturn = lambda.Block is { Statements: { Count: > 0 } statements }
            && model.AnalyzeControlFlow(statements.First(), statements.Last()) is { Succeeded: true, EndPointIsReachable: true };
        if (lambda.Block is { Statements.Count: 0 })
        {
            return ImmutableArray<FixEdit>.Empty;
        }

        var body = lambda.Body.ReplaceNodes(
            references.Select(r => (SyntaxNode)r).Concat(returns),
            (original, _) => original switch
            {
                ReturnStatementSyntax @return => @return
                    .WithReturnKeyword(@return.ReturnKeyword.WithTrailingTrivia(SyntaxFactory.Space))
                    .WithExpression(SyntaxFactory.IdentifierName(partial)),
                IdentifierNameSyntax name => SyntaxFactory.IdentifierName(partial).WithTriviaFrom(name),
                _ => original,
            });
        body = body switch
        {
            BlockSyntax block when appendReturn => AppendReturn(block, partial),
            // x => count++ becomes (x, state, partial) => ++partial: the new value is the partial to pass on.
            PostfixUnaryExpressionSyntax postfix => SyntaxFactory.PrefixUnaryExpression(
                postfix.IsKind(SyntaxKind.PostIncrementExpression) ? SyntaxKind.PreIncrementExpression : SyntaxKind.PreDecrementExpression,
                postfix.Operand).WithTriviaFrom(postfix),
            _ => body,
        };

        var newBody = SyntaxFactory.ParenthesizedLambdaExpression(
                SyntaxFactory.ParameterList(SyntaxFactory.SeparatedList(
                    new[] { Parameter(parameters[0].Identifier.ValueText), Parameter(state), Parameter(partial) },
                    new[] { CommaSpace(), CommaSpace() })),
                body as BlockSyntax,
                body as ExpressionSyntax)
            .WithArrowToken(lambda.ArrowToken)
            .WithLeadingTrivia(lambda.GetLeadingTrivia());
        newBody = newBody.WithParameterList(newBody.ParameterList.WithTrailingTrivia(SyntaxFactory.Space));

        var localInit = SyntaxFactory.ParseExpression($"() => {initial}");
        var localFinally = (SimpleLambdaExpressionSyntax)SyntaxFactory.ParseExpression($"{partial} => Interlocked.Add(ref {local.Name}, {partial})");
        var call = (InvocationExpressionSyntax)localFinally.ExpressionBody!;
        localFinally = localFinally.ReplaceNode(((MemberAccessExpressionSyntax)call.Expression).Expression, QualifiedType.For(interlocked));

        var arguments = invocationSyntax.ArgumentList.Arguments;
        var bodyArgument = arguments.Last();
        var comma = CommaSpace();
        var newArguments = SyntaxFactory.SeparatedList(
            arguments.Take(arguments.Count - 1).Concat(new[]
            {
                SyntaxFactory.Argument(localInit).WithLeadingTrivia(bodyArgument.GetLeadingTrivia()),
                SyntaxFactory.Argument(newBody),
                SyntaxFactory.Argument(localFinally),
            }),
            arguments.GetSeparators().Concat(new[] { comma, comma }));
        var rewritten = invocationSyntax.WithArgumentList(invocationSyntax.ArgumentList.WithArguments(newArguments));

        // Planned on the original tree; applied only where nothing inside the call has changed since.
        return ImmutableArray.Create(new FixEdit(invocationSyntax, current => current.IsEquivalentTo(invocationSyntax) ? rewritten.WithTriviaFrom(current) : current));
    }

    /// <summary>Parallel.For(from, to, [options,] body) or Parallel.ForEach(IEnumerable, [options,] body), body an Action of the item (and the loop state), no named arguments.</summary>
    private static bool IsLoopWithPlainBody(IInvocationOperation invocation, WellKnownTypes types)
    {
        var method = invocation.TargetMethod;
        if (!WellKnownTypes.Eq(method.ContainingType, types.Parallel) || method.Parameters.IsEmpty
            || method.Parameters.Last() is not { Name: "body", Type: INamedTypeSymbol { Name: "Action", TypeArguments: var arguments } }
            || arguments.Length is not (1 or 2)
            || (arguments.Length == 2 && arguments[1].Name != "ParallelLoopState"))
        {
            return false;
        }

        var shape = method.Name switch
        {
            "For" => method.Parameters.Length is 3 or 4,
            // Partitioner<T> too (Partitioner.Create(0, n) ranges); the OrderablePartitioner overloads pass an index.
            "ForEach" => method.Parameters.Length is 2 or 3
                && (method.Parameters[0].Type.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T
                    || WellKnownTypes.Eq(method.Parameters[0].Type.OriginalDefinition, types.Resolve("System.Collections.Concurrent.Partitioner`1"))),
            _ => false,
        };
        if (!shape || invocation.Syntax is not InvocationExpressionSyntax { ArgumentList.Arguments: var syntaxArguments } || syntaxArguments.Count != method.Parameters.Length)
        {
            return false;
        }

        foreach (var argument in syntaxArguments)
        {
            if (argument.NameColon is not null || argument.RefKindKeyword.RawKind != 0)
            {
                return false;
            }
        }

        return true;
    }

    private static SeparatedSyntaxList<ParameterSyntax>? Parameters(LambdaExpressionSyntax lambda) => lambda switch
    {
        SimpleLambdaExpressionSyntax simple => SyntaxFactory.SingletonSeparatedList(simple.Parameter),
        ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters: { Count: 1 or 2 } list } => list,
        _ => null,
    };

    private static string? InitialValue(ITypeSymbol type) => type.SpecialType switch
    {
        SpecialType.System_Int32 => "0",
        SpecialType.System_Int64 => "0L",
        SpecialType.System_UInt32 => "0U",
        SpecialType.System_UInt64 => "0UL",
        _ => null,
    };

    private static bool HasAdd(INamedTypeSymbol interlocked, ITypeSymbol type)
    {
        foreach (var member in interlocked.GetMembers("Add"))
        {
            if (member is IMethodSymbol { Parameters.Length: 2 } add && add.Parameters[0].RefKind == RefKind.Ref
                && SymbolEqualityComparer.Default.Equals(add.Parameters[0].Type, type))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The names of <paramref name="local"/> in <paramref name="function"/>, when each one belongs to an additive
    /// update statement of the function itself and the function accumulates no other captured local; else null.
    /// </summary>
    private static List<IdentifierNameSyntax>? Updates(IAnonymousFunctionOperation function, ILocalSymbol local, WellKnownTypes types)
    {
        var owned = new List<IdentifierNameSyntax>();
        var references = 0;
        foreach (var operation in function.Descendants())
        {
            if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                references++;
                continue;
            }

            if (SharedUpdate.TargetOf(operation, types)?.WalkDownConversions() is not ILocalReferenceOperation target)
            {
                continue;
            }

            if (!SymbolEqualityComparer.Default.Equals(target.Local, local))
            {
                // Another captured local accumulated in the same body would need a second partial.
                if (!Declares(function, target.Local))
                {
                    return null;
                }

                continue;
            }

            if (EnclosingFunction(operation) != function || operation.Parent is not IExpressionStatementOperation || Additive(operation) is not { } names)
            {
                return null;
            }

            owned.AddRange(names);
        }

        return owned.Count == references ? owned : null;
    }

    /// <summary>The local's names in x++, x--, x += e, x -= e, x = x + e, x = e + x or x = x - e; null for other updates.</summary>
    private static IEnumerable<IdentifierNameSyntax>? Additive(IOperation update)
    {
        switch (update)
        {
            case IIncrementOrDecrementOperation { Target.Syntax: IdentifierNameSyntax name }:
                return new[] { name };
            case ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract, Target.Syntax: IdentifierNameSyntax name }:
                return new[] { name };
            case ISimpleAssignmentOperation { Target: { Syntax: IdentifierNameSyntax name } target, Value: var value }
                when value.WalkDownConversions() is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract } binary:
                var path = AccessPath.Of(target);
                if (path is not null && path.Equals(AccessPath.Of(binary.LeftOperand)) && binary.LeftOperand.WalkDownConversions().Syntax is IdentifierNameSyntax left)
                {
                    return new[] { name, left };
                }

                return binary.OperatorKind == BinaryOperatorKind.Add && path is not null && path.Equals(AccessPath.Of(binary.RightOperand))
                    && binary.RightOperand.WalkDownConversions().Syntax is IdentifierNameSyntax right
                    ? new[] { name, right }
                    : null;
            default:
                return null;
        }
    }

    private static IOperation? EnclosingFunction(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return current;
            }
        }

        return null;
    }

    private static bool Declares(IAnonymousFunctionOperation function, ILocalSymbol local) =>
        local.DeclaringSyntaxReferences.Any(r => r.SyntaxTree == function.Syntax.SyntaxTree && function.Syntax.Span.Contains(r.Span));

    private static ParameterSyntax Parameter(string name) => SyntaxFactory.Parameter(SyntaxFactory.Identifier(name));

    private static SyntaxToken CommaSpace() => SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space);

    private static BlockSyntax AppendReturn(BlockSyntax block, string partial)
    {
        var last = block.Statements.Last();
        var indentation = last.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).LastOrDefault();
        var statement = SyntaxFactory.ReturnStatement(
                SyntaxFactory.Token(SyntaxKind.ReturnKeyword).WithTrailingTrivia(SyntaxFactory.Space),
                SyntaxFactory.IdentifierName(partial),
                SyntaxFactory.Token(SyntaxKind.SemicolonToken))
            .WithLeadingTrivia(indentation == default ? SyntaxFactory.TriviaList() : SyntaxFactory.TriviaList(indentation))
            .WithTrailingTrivia(last.GetTrailingTrivia());
        return block.AddStatements(statement);
    }
}
