using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ConcurrencyAnalyzers.CodeFixes.Core;
using ConcurrencyAnalyzers.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;

namespace ConcurrencyAnalyzers.CodeFixes.SharedState;

/// <summary>
/// CONC0301 where no Interlocked call does the update (<c>total += x</c> on a double, <c>x *= 2</c>, a checked
/// context): a compare-and-swap loop that reads the field, computes the new value from that snapshot and stores it
/// only if the field still holds the snapshot, else tries again.
/// <code>
/// while (true)
/// {
///     double initial = total;
///     double computed = initial + x;
///     if (BitConverter.DoubleToInt64Bits(Interlocked.CompareExchange(ref total, computed, initial)) == BitConverter.DoubleToInt64Bits(initial))
///     {
///         break;
///     }
/// }
/// </code>
/// A double or float compares bits, as CompareExchange does: with <c>==</c> a NaN never equals itself and the loop
/// would never end. A reference compares with ReferenceEquals, never an overloaded operator. Only for a field (not a
/// property, nor readonly) of this or a static, of a type CompareExchange takes, in a statement whose value is not
/// used (or the expression body of a void lambda or method, made a block), and where the rest of the update can be
/// recomputed on a retry without side effects (locals, fields, constants, arithmetic, Math calls).
/// </summary>
internal static class CompareExchangeLoop
{
    public static ImmutableArray<FixEdit> Plan(FixDocument document, ExpressionSyntax expression, IOperation update)
    {
        var model = document.Model;
        if (document.Types.Interlocked is not { } interlocked
            || SharedUpdate.TargetOf(update, document.Types) is not { } target
            || target.WalkDownConversions() is not IFieldReferenceOperation { Field: { IsReadOnly: false, IsConst: false } field } reference
            || reference.Instance is not (null or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance })
            || Comparison(document.Types.Resolve("System.BitConverter"), field.Type) is not { Test: var compare, BitConverter: var bitConverter }
            || !HasOverload(interlocked, field.Type)
            || AccessPath.Of(target) is not { } path
            || Computed(update, expression, path, document) is not { } computed
            || Region(expression, model) is not { } region)
        {
            return ImmutableArray<FixEdit>.Empty;
        }

        // The loop's locals live in its own block: only what is in scope here can clash (other loops are siblings,
        // so Fix All and one fix at a time choose the same names).
        var taken = new HashSet<string>();
        var initial = Free("initial", taken, model, expression.SpanStart);
        var next = Free("computed", taken, model, expression.SpanStart);
        var type = field.Type.ToMinimalDisplayString(model, expression.SpanStart);
        var targetText = target.Syntax.WithoutTrivia().ToString();
        var exchange = $"__Interlocked.CompareExchange(ref {targetText}, {next}, {initial})";
        var loop = (WhileStatementSyntax)SyntaxFactory.ParseStatement(
            "while (true)\n{\n" +
            $"    {type} {initial} = {targetText};\n" +
            $"    {type} {next} = __computed;\n" +
            $"    if ({string.Format(compare, exchange, initial)})\n    {{\n        break;\n    }}\n}}\n");
        var newValue = computed.ReplaceNodes(
            computed.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Where(n => n.Identifier.ValueText == Placeholder),
            (_, _) => SyntaxFactory.IdentifierName(initial));
        loop = loop.ReplaceNodes(
            loop.DescendantNodes().OfType<IdentifierNameSyntax>().Where(n => n.Identifier.ValueText is "__Interlocked" or "__BitConverter" or "__computed"),
            (original, _) => original.Identifier.ValueText switch
            {
                "__Interlocked" => QualifiedType.For(interlocked),
                "__BitConverter" => QualifiedType.For(bitConverter!),
                _ => newValue.WithoutTrivia(),
            });
        loop = loop.WithAdditionalAnnotations(Formatter.Annotation);
        return ImmutableArray.Create(new FixEdit(region.Node, current => region.Replace(current, loop)));
    }

    /// <summary>Stands for the snapshot in the computed value until the snapshot's name is known.</summary>
    private const string Placeholder = "__initial";

    /// <summary>
    /// The test that the swap happened, {0} the CompareExchange call and {1} the snapshot, and the BitConverter it
    /// uses; null for a type it does not take.
    /// </summary>
    private static (string Test, INamedTypeSymbol? BitConverter)? Comparison(INamedTypeSymbol? bitConverter, ITypeSymbol type)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_UInt32 or SpecialType.System_UInt64:
                return ("{0} == {1}", null);
            case SpecialType.System_Double when bitConverter is not null:
                return ("__BitConverter.DoubleToInt64Bits({0}) == __BitConverter.DoubleToInt64Bits({1})", bitConverter);
            case SpecialType.System_Single when bitConverter is not null && !bitConverter.GetMembers("SingleToInt32Bits").IsEmpty:
                // SingleToInt32Bits is .NET Core 2.0 and later.
                return ("__BitConverter.SingleToInt32Bits({0}) == __BitConverter.SingleToInt32Bits({1})", bitConverter);
            case SpecialType.None when type.IsReferenceType && type.TypeKind != TypeKind.Dynamic:
            case SpecialType.System_String or SpecialType.System_Object:
                return ("object.ReferenceEquals({0}, {1})", null);
            default:
                return null;
        }
    }

    /// <summary>A CompareExchange overload for the type: its own, or the generic one for a reference type.</summary>
    private static bool HasOverload(INamedTypeSymbol interlocked, ITypeSymbol type)
    {
        foreach (var member in interlocked.GetMembers("CompareExchange"))
        {
            if (member is not IMethodSymbol { Parameters.Length: 3 } method)
            {
                continue;
            }

            if (method.IsGenericMethod ? type.IsReferenceType : WellKnownTypes.Eq(method.Parameters[0].Type, type))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The new value as an expression of the snapshot (<see cref="Placeholder"/>): <c>s + 1</c> for <c>x++</c>,
    /// <c>s * (e)</c> for <c>x *= e</c>, <c>e</c> with every read of x made a read of s for <c>x = e</c>. Null when the
    /// value is used, a conversion narrows it back, or the rest has effects a retry would repeat.
    /// </summary>
    private static ExpressionSyntax? Computed(IOperation update, ExpressionSyntax expression, AccessPath path, FixDocument document)
    {
        var model = document.Model;
        var math = document.Types.Math;
        if (!IsValueUnused(expression))
        {
            return null;
        }

        var snapshot = SyntaxFactory.IdentifierName(Placeholder);
        switch (update)
        {
            case IIncrementOrDecrementOperation increment:
                return SyntaxFactory.BinaryExpression(
                    increment.Kind == OperationKind.Increment ? SyntaxKind.AddExpression : SyntaxKind.SubtractExpression,
                    snapshot,
                    SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(1)));
            case ICompoundAssignmentOperation compound
                when expression is AssignmentExpressionSyntax assignment
                     && compound.InConversion.IsIdentity && compound.OutConversion.IsIdentity && compound.OperatorMethod is null
                     && BinaryKind(assignment.Kind()) is { } kind
                     && IsRecomputable(compound.Value, math)
                     && WithSnapshot(assignment.Right, path, model, document.CancellationToken) is { } right:
                return SyntaxFactory.BinaryExpression(kind, snapshot, SyntaxFactory.ParenthesizedExpression(right.WithoutTrivia()).WithAdditionalAnnotations(Simplifier.Annotation));
            case ISimpleAssignmentOperation simple
                when expression is AssignmentExpressionSyntax assignment && IsRecomputable(simple.Value, math):
                return WithSnapshot(assignment.Right, path, model, document.CancellationToken);
            default:
                return null;
        }
    }

    private static bool IsValueUnused(ExpressionSyntax expression) =>
        expression.Parent is ExpressionStatementSyntax
        || (expression.Parent is LambdaExpressionSyntax lambda && lambda.ExpressionBody == expression)
        || expression.Parent is ArrowExpressionClauseSyntax { Parent: MethodDeclarationSyntax };

    /// <summary>The expression with every read of the target replaced by the snapshot placeholder.</summary>
    private static ExpressionSyntax? WithSnapshot(ExpressionSyntax value, AccessPath path, SemanticModel model, System.Threading.CancellationToken cancellationToken)
    {
        var reads = new List<ExpressionSyntax>();
        foreach (var node in value.DescendantNodesAndSelf().OfType<ExpressionSyntax>())
        {
            if (node is IdentifierNameSyntax or MemberAccessExpressionSyntax
                && !reads.Any(r => r.Span.Contains(node.Span))
                && model.GetOperation(node, cancellationToken) is { } operation
                && path.Equals(AccessPath.Of(operation)))
            {
                reads.Add(node);
            }
        }

        return value.ReplaceNodes(reads, (_, _) => SyntaxFactory.IdentifierName(Placeholder));
    }

    /// <summary>No effect a retry would repeat: reads of locals, parameters, fields and arrays, constants, arithmetic, Math.</summary>
    private static bool IsRecomputable(IOperation operation, INamedTypeSymbol? math)
    {
        switch (operation)
        {
            case ILiteralOperation or ILocalReferenceOperation or IParameterReferenceOperation or IInstanceReferenceOperation:
                return true;
            case IFieldReferenceOperation field:
                return field.Instance is null || IsRecomputable(field.Instance, math);
            case IArrayElementReferenceOperation element:
                return IsRecomputable(element.ArrayReference, math) && element.Indices.All(i => IsRecomputable(i, math));
            case IConversionOperation { OperatorMethod: null } conversion:
                return IsRecomputable(conversion.Operand, math);
            case IParenthesizedOperation parenthesized:
                return IsRecomputable(parenthesized.Operand, math);
            case IBinaryOperation { OperatorMethod: null } binary:
                return IsRecomputable(binary.LeftOperand, math) && IsRecomputable(binary.RightOperand, math);
            case IUnaryOperation { OperatorMethod: null } unary:
                return IsRecomputable(unary.Operand, math);
            case IInvocationOperation { Instance: null } invocation when WellKnownTypes.Eq(invocation.TargetMethod.ContainingType, math):
                return invocation.Arguments.All(a => a.ArgumentKind == ArgumentKind.Explicit && IsRecomputable(a.Value, math));
            default:
                return false;
        }
    }

    private static SyntaxKind? BinaryKind(SyntaxKind assignment) => assignment switch
    {
        SyntaxKind.AddAssignmentExpression => SyntaxKind.AddExpression,
        SyntaxKind.SubtractAssignmentExpression => SyntaxKind.SubtractExpression,
        SyntaxKind.MultiplyAssignmentExpression => SyntaxKind.MultiplyExpression,
        SyntaxKind.DivideAssignmentExpression => SyntaxKind.DivideExpression,
        SyntaxKind.ModuloAssignmentExpression => SyntaxKind.ModuloExpression,
        SyntaxKind.AndAssignmentExpression => SyntaxKind.BitwiseAndExpression,
        SyntaxKind.OrAssignmentExpression => SyntaxKind.BitwiseOrExpression,
        SyntaxKind.ExclusiveOrAssignmentExpression => SyntaxKind.ExclusiveOrExpression,
        SyntaxKind.LeftShiftAssignmentExpression => SyntaxKind.LeftShiftExpression,
        SyntaxKind.RightShiftAssignmentExpression => SyntaxKind.RightShiftExpression,
        _ => null,
    };

    /// <summary>What the loop replaces: the statement, or a void lambda's or method's expression body made a block.</summary>
    private sealed class LoopRegion
    {
        public LoopRegion(SyntaxNode node, System.Func<SyntaxNode, StatementSyntax, SyntaxNode> replace)
        {
            Node = node;
            Replace = replace;
        }

        public SyntaxNode Node { get; }

        public System.Func<SyntaxNode, StatementSyntax, SyntaxNode> Replace { get; }
    }

    private static LoopRegion? Region(ExpressionSyntax expression, SemanticModel model)
    {
        switch (expression.Parent)
        {
            case ExpressionStatementSyntax statement:
                return new LoopRegion(statement, (current, loop) => loop
                    .WithLeadingTrivia(current.GetLeadingTrivia())
                    // A statement that shared its line with the next one (x => { a; b; }) ends its line now.
                    .WithTrailingTrivia(current.GetTrailingTrivia().Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia))
                        ? current.GetTrailingTrivia()
                        : SyntaxFactory.TriviaList(SyntaxFactory.ElasticCarriageReturnLineFeed)));
            case LambdaExpressionSyntax lambda when model.GetSymbolInfo(lambda).Symbol is IMethodSymbol { ReturnsVoid: true }:
                return new LoopRegion(lambda, (current, loop) =>
                {
                    var edited = (LambdaExpressionSyntax)current;
                    return edited.WithExpressionBody(null)
                        .WithBlock(SyntaxFactory.Block(loop).WithAdditionalAnnotations(Formatter.Annotation))
                        .WithArrowToken(edited.ArrowToken.WithTrailingTrivia(SyntaxFactory.ElasticSpace));
                });
            case ArrowExpressionClauseSyntax { Parent: MethodDeclarationSyntax method }
                when method.ReturnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword } && !method.Modifiers.Any(SyntaxKind.AsyncKeyword):
                return new LoopRegion(method, (current, loop) =>
                {
                    var edited = (MethodDeclarationSyntax)current;
                    return edited
                        .WithExpressionBody(null)
                        .WithSemicolonToken(default)
                        .WithParameterList(edited.ParameterList.WithTrailingTrivia(SyntaxFactory.ElasticMarker))
                        .WithBody(SyntaxFactory.Block(loop).WithTrailingTrivia(edited.SemicolonToken.TrailingTrivia))
                        .WithAdditionalAnnotations(Formatter.Annotation);
                });
            default:
                return null;
        }
    }

    /// <summary>The first of name, name2... that nothing in the member or in scope uses (the loop's locals hide nothing).</summary>
    private static string Free(string name, HashSet<string> taken, SemanticModel model, int position)
    {
        for (var suffix = 1; ; suffix++)
        {
            var candidate = suffix == 1 ? name : name + suffix;
            if (!taken.Contains(candidate) && model.LookupSymbols(position, name: candidate).IsEmpty)
            {
                taken.Add(candidate);
                return candidate;
            }
        }
    }
}
