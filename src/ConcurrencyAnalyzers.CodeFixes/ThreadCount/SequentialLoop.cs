using System.Linq;
using ConcurrencyAnalyzers.CodeFixes.Core;
using ConcurrencyAnalyzers.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.CodeFixes.ThreadCount;

/// <summary>
/// Parallel.For/ForEach as a sequential for/foreach loop. Only the overloads whose meaning a plain loop keeps: (from, to,
/// i => ...) and (source, x => ...) with a lambda or anonymous method that declares its one parameter, positional
/// arguments, the loop's result unused. Not when the body writes the parameter, when a function nested in a For body
/// captures the index (a for loop shares one variable between iterations, where each lambda call had its own), or
/// when a <c>return</c> of the body sits inside a loop of the body (its <c>continue</c> would bind to that loop).
/// </summary>
internal static class SequentialLoop
{
    public static FixEdit? Plan(FixDocument document, IInvocationOperation invocation, InvocationExpressionSyntax syntax)
    {
        var method = invocation.TargetMethod;
        var isFor = method.Name == "For";
        var arity = isFor ? 3 : 2;
        if (method.Parameters.Length != arity
            || syntax.ArgumentList.Arguments.Count != arity
            || syntax.ArgumentList.Arguments.Any(argument => argument.NameColon is not null || !argument.RefKindKeyword.IsKind(SyntaxKind.None))
            || (!isFor && method.Parameters[0].Type.OriginalDefinition.SpecialType != SpecialType.System_Collections_Generic_IEnumerable_T)
            || Body(invocation, arity - 1) is not { } lambda
            || lambda.Symbol.Parameters.Length != 1
            || lambda.Symbol.IsAsync
            || !lambda.Symbol.ReturnsVoid
            || DeclaredParameterName(lambda.Syntax) is not { } name
            || IsInScope(document, syntax.SpanStart, name)
            || !BodyKeepsItsMeaning(lambda, isFor, document.Types))
        {
            return null;
        }

        var parameter = lambda.Symbol.Parameters[0];
        string? endName = null;
        if (isFor && !IsInvariant(invocation.Arguments.First(a => a.Parameter?.Ordinal == 1).Value, lambda))
        {
            endName = UniqueName(document, syntax, lambda.Syntax, name + "End");
            if (endName is null)
            {
                return null;
            }
        }

        var explicitType = OnlyParameter(lambda.Syntax)?.Type;
        var indexType = parameter.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);

        if (!isFor && !ForEachBindsTo(document, syntax, parameter.Type))
        {
            return null;
        }

        // The statement form: Parallel.For(...); becomes the loop. The expression-bodied lambda form (x => Parallel.For(...))
        // gets a block body holding the loop.
        if (syntax.Parent is ExpressionStatementSyntax)
        {
            return new FixEdit(syntax.Parent, current => current is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax call } statement
                ? Loop(call, isFor, name, indexType, explicitType, endName)?.WithTriviaFrom(statement) ?? current
                : current);
        }

        if (syntax.Parent is AnonymousFunctionExpressionSyntax outer
            && outer.ExpressionBody == syntax
            && document.Model.GetSymbolInfo(outer, document.CancellationToken).Symbol is IMethodSymbol { ReturnsVoid: true })
        {
            return new FixEdit(outer, current =>
            {
                if (current is not AnonymousFunctionExpressionSyntax { ExpressionBody: InvocationExpressionSyntax call } function
                    || Loop(call, isFor, name, indexType, explicitType, endName) is not { } loop)
                {
                    return current;
                }

                var block = SyntaxFactory.Block(loop).WithAdditionalAnnotations(Formatter.Annotation);
                return function.WithExpressionBody(null).WithBlock(block);
            });
        }

        return null;
    }

    private static IAnonymousFunctionOperation? Body(IInvocationOperation invocation, int ordinal)
    {
        var argument = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == ordinal);
        return argument?.Value.WalkDownConversions() is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } ? lambda : null;
    }

    private static string? DeclaredParameterName(SyntaxNode lambda) =>
        OnlyParameter(lambda)?.Identifier.ValueText is { Length: > 0 } name && name != "_" ? name : null;

    /// <summary>The one parameter the lambda or anonymous method declares (null for <c>delegate { }</c>).</summary>
    private static ParameterSyntax? OnlyParameter(SyntaxNode lambda)
    {
        var list = lambda switch
        {
            SimpleLambdaExpressionSyntax simple => SyntaxFactory.SingletonSeparatedList(simple.Parameter),
            ParenthesizedLambdaExpressionSyntax parenthesized => parenthesized.ParameterList.Parameters,
            AnonymousMethodExpressionSyntax { ParameterList: { } parameters } => parameters.Parameters,
            _ => default,
        };
        return list.Count == 1 ? list[0] : null;
    }

    /// <summary>A local, parameter or range variable of that name around the call: the loop variable would clash with it.</summary>
    private static bool IsInScope(FixDocument document, int position, string name) =>
        document.Model.LookupSymbols(position, name: name).Any(symbol => symbol is ILocalSymbol or IParameterSymbol or IRangeVariableSymbol);

    private static bool BodyKeepsItsMeaning(IAnonymousFunctionOperation lambda, bool isFor, WellKnownTypes types)
    {
        var parameter = lambda.Symbol.Parameters[0];
        foreach (var operation in lambda.Body.Descendants())
        {
            switch (operation)
            {
                case IParameterReferenceOperation reference when WellKnownTypes.Eq(reference.Parameter, parameter):
                    if (IsWritten(reference) || (isFor && MayOutliveTheIteration(reference, lambda, types)))
                    {
                        return false;
                    }

                    break;
                case IReturnOperation { IsImplicit: false } jump when !ReturnsFromBodyOutsideLoops(jump, lambda):
                    return false;
            }
        }

        return true;
    }

    private static bool IsWritten(IOperation reference)
    {
        var current = reference;
        while (current.Parent is ITupleOperation)
        {
            current = current.Parent;
        }

        return current.Parent switch
        {
            IAssignmentOperation assignment => assignment.Target == current,
            IIncrementOrDecrementOperation => true,
            IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } => true,
            _ => reference.Syntax.Parent is RefExpressionSyntax,
        };
    }

    /// <summary>
    /// A use of the index inside a function nested in the body, which could run after the iteration, when the for loop
    /// has moved its one variable on. Bodies of Parallel.For/ForEach/Invoke finish before the call returns, so they are safe.
    /// </summary>
    private static bool MayOutliveTheIteration(IOperation operation, IAnonymousFunctionOperation lambda, WellKnownTypes types)
    {
        for (var current = operation.Parent; current is not null && current != lambda; current = current.Parent)
        {
            if (current is ILocalFunctionOperation
                || (current is IAnonymousFunctionOperation nested && !RunsBeforeTheCallReturns(nested, types)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool RunsBeforeTheCallReturns(IAnonymousFunctionOperation function, WellKnownTypes types)
    {
        IOperation current = function;
        while (current.Parent is IDelegateCreationOperation or IConversionOperation or IArrayInitializerOperation or IArrayCreationOperation)
        {
            current = current.Parent;
        }

        return current.Parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { Name: "For" or "ForEach" or "Invoke" } method } }
            && WellKnownTypes.Eq(method.ContainingType, types.Parallel);
    }

    /// <summary>
    /// True for a return of a nested function (left alone), and for a return of the body itself that is not inside a
    /// loop of the body (it becomes continue). False for a return of the body inside one of its loops.
    /// </summary>
    private static bool ReturnsFromBodyOutsideLoops(IReturnOperation jump, IAnonymousFunctionOperation lambda)
    {
        var insideLoop = false;
        for (var current = jump.Parent; current is not null && current != lambda; current = current.Parent)
        {
            switch (current)
            {
                case IAnonymousFunctionOperation or ILocalFunctionOperation:
                    return true;
                case ILoopOperation:
                    insideLoop = true;
                    break;
            }
        }

        return !insideLoop;
    }

    /// <summary>
    /// A bound the for loop may read again on every iteration: a constant, a local or parameter the body never writes,
    /// or the Length of an array held in one (an array's length never changes).
    /// </summary>
    private static bool IsInvariant(IOperation bound, IAnonymousFunctionOperation lambda)
    {
        bound = bound.WalkDownConversions();
        if (bound.ConstantValue.HasValue)
        {
            return true;
        }

        if (bound is IPropertyReferenceOperation { Property.Name: "Length", Instance: { Type: IArrayTypeSymbol } array })
        {
            bound = array;
        }

        ISymbol? symbol = bound switch
        {
            ILocalReferenceOperation { Local.IsRef: false } local => local.Local,
            IParameterReferenceOperation { Parameter.RefKind: RefKind.None } parameter => parameter.Parameter,
            _ => null,
        };
        if (symbol is null)
        {
            return false;
        }

        foreach (var operation in lambda.Body.Descendants())
        {
            var referenced = operation switch
            {
                ILocalReferenceOperation local => local.Local,
                IParameterReferenceOperation parameter => (ISymbol)parameter.Parameter,
                _ => null,
            };
            if (referenced is not null && WellKnownTypes.Eq(referenced, symbol) && IsWritten(operation))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>"iEnd", "iEnd2"... (named after the index, so nested loops fixed together never pick the same): a name neither in scope at the call nor used anywhere in the body.</summary>
    private static string? UniqueName(FixDocument document, InvocationExpressionSyntax call, SyntaxNode body, string stem)
    {
        for (var suffix = 1; suffix < 10; suffix++)
        {
            var candidate = suffix == 1 ? stem : stem + suffix;
            if (!IsInScope(document, call.SpanStart, candidate)
                && !body.DescendantTokens().Any(token => token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>
    /// foreach over the source gives elements of the lambda's parameter type: an array, or a type whose GetEnumerator
    /// pattern (which foreach prefers to IEnumerable&lt;T&gt;) yields exactly that type.
    /// </summary>
    private static bool ForEachBindsTo(FixDocument document, InvocationExpressionSyntax call, ITypeSymbol elementType)
    {
        var source = document.Model.GetTypeInfo(call.ArgumentList.Arguments[0].Expression, document.CancellationToken).Type;
        return source switch
        {
            IArrayTypeSymbol { Rank: 1 } array => WellKnownTypes.Eq(array.ElementType, elementType),
            INamedTypeSymbol named => WellKnownTypes.Eq(PatternElementType(named), elementType),
            _ => false,
        };
    }

    private static ITypeSymbol? PatternElementType(INamedTypeSymbol type)
    {
        var enumerator = FindMember<IMethodSymbol>(type, "GetEnumerator", m => m.Parameters.Length == 0 && !m.IsStatic && m.TypeParameters.Length == 0)?.ReturnType;
        return enumerator is INamedTypeSymbol named
            ? FindMember<IPropertySymbol>(named, "Current", p => !p.IsStatic && !p.IsIndexer)?.Type
            : null;
    }

    /// <summary>A public member of the type, its base types or (for interfaces) the interfaces it extends.</summary>
    private static T? FindMember<T>(INamedTypeSymbol type, string name, System.Func<T, bool> accept)
        where T : class, ISymbol
    {
        var candidates = type.TypeKind == TypeKind.Interface ? new[] { type }.Concat(type.AllInterfaces) : Bases(type);
        foreach (var candidate in candidates)
        {
            foreach (var member in candidate.GetMembers(name))
            {
                if (member is T typed && typed.DeclaredAccessibility == Accessibility.Public && accept(typed))
                {
                    return typed;
                }
            }
        }

        return null;
    }

    private static System.Collections.Generic.IEnumerable<INamedTypeSymbol> Bases(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            yield return current;
        }
    }

    /// <summary>The loop built from the call as it is now (nested fixes may have changed its body).</summary>
    private static StatementSyntax? Loop(InvocationExpressionSyntax call, bool isFor, string name, string indexType, TypeSyntax? explicitType, string? endName)
    {
        var arguments = call.ArgumentList.Arguments;
        if (arguments.Count != (isFor ? 3 : 2) || arguments[arguments.Count - 1].Expression is not AnonymousFunctionExpressionSyntax lambda)
        {
            return null;
        }

        var body = lambda switch
        {
            { Block: { } block } => (BlockSyntax)new ReturnToContinue().Visit(block),
            { ExpressionBody: { } expression } => SyntaxFactory.Block(SyntaxFactory.ExpressionStatement(expression.WithoutTrivia())),
            _ => null,
        };
        if (body is null)
        {
            return null;
        }

        StatementSyntax loop;
        if (isFor)
        {
            var from = arguments[0].Expression.WithoutTrivia();
            var to = arguments[1].Expression.WithoutTrivia();
            var header = endName is null
                ? $"for ({indexType} {name} = 0; {name} < 0; {name}++)\n{{\n}}"
                : $"for ({indexType} {name} = 0, {endName} = 0; {name} < {endName}; {name}++)\n{{\n}}";
            var parsed = (ForStatementSyntax)SyntaxFactory.ParseStatement(header);
            var variables = parsed.Declaration!.Variables;
            var declaration = parsed.Declaration.WithVariables(endName is null
                ? SyntaxFactory.SingletonSeparatedList(variables[0].WithInitializer(variables[0].Initializer!.WithValue(from)))
                : SyntaxFactory.SeparatedList(
                    new[] { variables[0].WithInitializer(variables[0].Initializer!.WithValue(from)), variables[1].WithInitializer(variables[1].Initializer!.WithValue(to)) },
                    variables.GetSeparators()));
            var condition = (BinaryExpressionSyntax)parsed.Condition!;
            parsed = parsed.WithDeclaration(declaration);
            if (endName is null)
            {
                parsed = parsed.WithCondition(condition.WithRight(to.WithTriviaFrom(condition.Right)));
            }

            loop = parsed.WithStatement(body);
        }
        else
        {
            var parsed = (ForEachStatementSyntax)SyntaxFactory.ParseStatement($"foreach (var {name} in _)\n{{\n}}");
            if (explicitType is not null)
            {
                parsed = parsed.WithType(explicitType.WithTriviaFrom(parsed.Type));
            }

            loop = parsed.WithExpression(arguments[0].Expression.WithoutTrivia()).WithStatement(body);
        }

        return loop.WithAdditionalAnnotations(Formatter.Annotation);
    }

    /// <summary>return; of the body itself (not of functions nested in it) becomes continue;.</summary>
    private sealed class ReturnToContinue : CSharpSyntaxRewriter
    {
        public override SyntaxNode? VisitReturnStatement(ReturnStatementSyntax node) =>
            SyntaxFactory.ContinueStatement(
                node.AttributeLists,
                SyntaxFactory.Token(node.ReturnKeyword.LeadingTrivia, SyntaxKind.ContinueKeyword, node.ReturnKeyword.TrailingTrivia),
                node.SemicolonToken);

        public override SyntaxNode? VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node) => node;

        public override SyntaxNode? VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node) => node;

        public override SyntaxNode? VisitAnonymousMethodExpression(AnonymousMethodExpressionSyntax node) => node;

        public override SyntaxNode? VisitLocalFunctionStatement(LocalFunctionStatementSyntax node) => node;
    }
}
