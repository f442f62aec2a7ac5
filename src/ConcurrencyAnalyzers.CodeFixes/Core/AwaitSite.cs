using System.Threading;
using ConcurrencyAnalyzers.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.CodeFixes.Core;

/// <summary>Whether an <c>await</c> may replace an expression without breaking the code or changing its meaning.</summary>
internal static class AwaitSite
{
    /// <summary>
    /// False where the compiler rejects <c>await</c> (lock bodies, catch filters, query expressions, <c>nameof</c>,
    /// unsafe code, outside an async function), where a ref struct would live across it (ref and span locals, span
    /// temporaries of the same statement, <c>foreach</c> over a span, <c>using</c> of a ref struct), and where it would
    /// change what the code does: inside a region of a thread-affine lock (Monitor, ReaderWriterLockSlim, Mutex,
    /// SpinLock), inside a TransactionScope, and under a <c>catch (AggregateException)</c> that <c>await</c>'s
    /// unwrapped exception would escape.
    /// </summary>
    /// <param name="assumeAsync">The function is about to be made async (a request handler being converted).</param>
    public static bool CanAwait(SyntaxNode node, IOperation operation, FixDocument document, bool assumeAsync = false)
    {
        var function = FunctionOf(node);
        return function is not null
            && (assumeAsync || IsAsync(function))
            && IsLegalInFunction(node, function)
            && !IsUnsafeContext(node)
            && !HasBlockingRegionAround(operation, document.Types)
            && !DeclaresRefLocals(function, document.Model, document.CancellationToken);
    }

    /// <summary>The innermost method, lambda, local function or top-level program around <paramref name="node"/>.</summary>
    public static SyntaxNode? FunctionOf(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            if (IsFunction(current))
            {
                return current;
            }
        }

        return null;
    }

    /// <summary>True for a lambda or local function declared <c>static</c>: it cannot capture outer state.</summary>
    public static bool IsStaticFunction(SyntaxNode function) => function switch
    {
        AnonymousFunctionExpressionSyntax lambda => lambda.Modifiers.Any(SyntaxKind.StaticKeyword),
        LocalFunctionStatementSyntax local => local.Modifiers.Any(SyntaxKind.StaticKeyword),
        _ => false,
    };

    private static bool IsFunction(SyntaxNode node) =>
        node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax
            or AccessorDeclarationSyntax or CompilationUnitSyntax;

    private static bool IsAsync(SyntaxNode function) => function switch
    {
        AnonymousFunctionExpressionSyntax lambda => lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword),
        LocalFunctionStatementSyntax local => local.Modifiers.Any(SyntaxKind.AsyncKeyword),
        BaseMethodDeclarationSyntax method => method.Modifiers.Any(SyntaxKind.AsyncKeyword),
        CompilationUnitSyntax => true, // Top-level statements: an await makes the entry point async.
        _ => false,
    };

    /// <summary>Lexical places inside the function where the compiler rejects await.</summary>
    private static bool IsLegalInFunction(SyntaxNode node, SyntaxNode function)
    {
        for (var current = node.Parent; current is not null && current != function; current = current.Parent)
        {
            switch (current)
            {
                case LockStatementSyntax lockStatement when lockStatement.Statement.Span.Contains(node.Span):
                case CatchFilterClauseSyntax:
                case QueryExpressionSyntax:
                    return false;
            }
        }

        return true;
    }

    /// <summary>Unsafe code, lexically anywhere around the node (a lambda in an unsafe block is unsafe too).</summary>
    private static bool IsUnsafeContext(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case UnsafeStatementSyntax:
                case FixedStatementSyntax:
                case MemberDeclarationSyntax member when member.Modifiers.Any(SyntaxKind.UnsafeKeyword):
                case LocalFunctionStatementSyntax local when local.Modifiers.Any(SyntaxKind.UnsafeKeyword):
                    return true;
            }
        }

        return false;
    }

    /// <summary>Regions of the enclosing statements that an await must not cross (see <see cref="CanAwait"/>).</summary>
    private static bool HasBlockingRegionAround(IOperation operation, WellKnownTypes types)
    {
        var child = operation;
        var statementChecked = false;
        for (var parent = operation.Parent; parent is not null and not IAnonymousFunctionOperation and not ILocalFunctionOperation; child = parent, parent = parent.Parent)
        {
            if (!statementChecked && parent is IBlockOperation or IMethodBodyOperation)
            {
                // child is the innermost statement: a span evaluated in it would live across the await.
                statementChecked = true;
                if (HasRefStructOutside(child, operation))
                {
                    return true;
                }
            }

            switch (parent)
            {
                case INameOfOperation:
                    return true;
                case ITryOperation tryOperation when tryOperation.Body == child:
                    if (CatchesAggregate(tryOperation, types) || tryOperation.Finally.CallsMethodOf(types.IsThreadAffineLock))
                    {
                        return true;
                    }

                    break;
                case IForEachLoopOperation loop when loop.Body == child && IsRefLike(loop.Collection):
                case IUsingOperation usingOperation when usingOperation.Body == child
                    && (IsRefLike(usingOperation.Resources) || IsTransactionScope(usingOperation.Resources, types)):
                    return true;
                case IBlockOperation block when DeclaresTransactionScopeBefore(block, child, types):
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A TransactionScope flows only on its thread unless made with TransactionScopeAsyncFlowOption: an await inside it
    /// would make its Dispose throw.
    /// </summary>
    private static bool IsTransactionScope(IOperation resources, WellKnownTypes types)
    {
        foreach (var part in resources.DescendantsAndSelf())
        {
            if (part.Type is not null && WellKnownTypes.Eq(part.Type, types.TransactionScope))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>using var scope = new TransactionScope(); earlier in the same block.</summary>
    private static bool DeclaresTransactionScopeBefore(IBlockOperation block, IOperation child, WellKnownTypes types)
    {
        foreach (var statement in block.Operations)
        {
            if (statement == child)
            {
                return false;
            }

            if (statement is IUsingDeclarationOperation declaration && IsTransactionScope(declaration.DeclarationGroup, types))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasRefStructOutside(IOperation statement, IOperation target)
    {
        foreach (var descendant in statement.DescendantsAndSelf())
        {
            if (descendant.Type is { IsRefLikeType: true } && !descendant.IsWithin(target))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsRefLike(IOperation operation)
    {
        foreach (var part in operation.DescendantsAndSelf())
        {
            if (part.Type is { IsRefLikeType: true })
            {
                return true;
            }
        }

        return false;
    }

    private static bool CatchesAggregate(ITryOperation tryOperation, WellKnownTypes types)
    {
        foreach (var clause in tryOperation.Catches)
        {
            if (WellKnownTypes.Eq(clause.ExceptionType, types.AggregateException))
            {
                return true;
            }
        }

        return false;
    }

    private static bool DeclaresRefLocals(SyntaxNode function, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var descendant in function.DescendantNodes(n => n == function || !IsFunction(n)))
        {
            if (descendant is VariableDeclaratorSyntax or SingleVariableDesignationSyntax
                && model.GetDeclaredSymbol(descendant, cancellationToken) is ILocalSymbol local
                && (local.IsRef || local.Type.IsRefLikeType))
            {
                return true;
            }
        }

        return false;
    }
}
