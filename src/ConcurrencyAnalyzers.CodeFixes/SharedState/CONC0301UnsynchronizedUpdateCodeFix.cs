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
using Microsoft.CodeAnalysis.Simplification;

namespace ConcurrencyAnalyzers.CodeFixes.SharedState;

/// <summary>
/// CONC0301: <c>x++</c> → <c>Interlocked.Increment(ref x)</c>, <c>x--</c> → <c>Interlocked.Decrement(ref x)</c>,
/// <c>x += e</c> and <c>x = x + e</c> → <c>Interlocked.Add(ref x, e)</c> (<c>-e</c> for subtraction), for
/// int/long/uint/ulong fields (volatile ones too), captured locals and array elements. Never on properties or readonly
/// fields. More actions: a compare-and-swap loop where no Interlocked call does the update
/// (<see cref="CompareExchangeLoop"/>), per-thread partial results for a local accumulated in a Parallel.For/ForEach
/// body (<see cref="PerThreadPartial"/>), and a lock around the statement (<see cref="LockRegion"/>).
/// Also fixes CONC0304, the same update of a singleton service's field, with the same actions and keys (named after
/// CONC0301), so Fix All and dotnet format treat both alike.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CONC0301UnsynchronizedUpdateCodeFix))]
[Shared]
public sealed class CONC0301UnsynchronizedUpdateCodeFix : BatchedCodeFix
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UnsynchronizedUpdate, DiagnosticIds.SingletonState);

    /// <summary>The per-thread partial result action: localInit/localFinally, one Interlocked.Add per worker.</summary>
    public const string ThreadLocalKey = DiagnosticIds.UnsynchronizedUpdate + ".ThreadLocal";

    /// <summary>The lock action: a lock statement around the update.</summary>
    public const string LockKey = DiagnosticIds.UnsynchronizedUpdate + ".Lock";

    /// <summary>The compare-and-swap action, for updates no Interlocked call does (x *= 2, a double's +=).</summary>
    public const string CompareExchangeKey = DiagnosticIds.UnsynchronizedUpdate + ".CompareExchange";

    protected override string EquivalenceKey => DiagnosticIds.UnsynchronizedUpdate;

    protected override ImmutableArray<string> ActionKeys { get; } = ImmutableArray.Create(DiagnosticIds.UnsynchronizedUpdate, CompareExchangeKey, ThreadLocalKey, LockKey);

    protected override string Title(Diagnostic diagnostic) => "Update atomically with Interlocked";

    protected override string Title(Diagnostic diagnostic, string key) => key switch
    {
        ThreadLocalKey => "Add up a partial result per thread (localInit/localFinally)",
        LockKey => "Take a lock around the update",
        CompareExchangeKey => "Update in an Interlocked.CompareExchange loop",
        _ => Title(diagnostic),
    };

    internal override async Task<ImmutableArray<FixEdit>> PlanAsync(FixDocument document, Diagnostic diagnostic, string key)
    {
        if (key == DiagnosticIds.UnsynchronizedUpdate)
        {
            return await PlanAsync(document, diagnostic).ConfigureAwait(false);
        }

        if (Update(document, diagnostic) is not { } update)
        {
            return ImmutableArray<FixEdit>.Empty;
        }

        return key switch
        {
            // Only where no single Interlocked call does the same update.
            CompareExchangeKey => (await PlanAsync(document, diagnostic).ConfigureAwait(false)).IsEmpty
                ? CompareExchangeLoop.Plan(document, update.Expression, update.Operation)
                : ImmutableArray<FixEdit>.Empty,
            ThreadLocalKey => PerThreadPartial.Plan(document, update.Operation, IsChecked(update.Expression, document)),
            LockKey => LockRegion.Plan(
                document,
                update.Expression,
                needsStatic: SharedUpdate.TargetOf(update.Operation, document.Types)?.WalkDownConversions() is IFieldReferenceOperation { Field.IsStatic: true }),
            _ => ImmutableArray<FixEdit>.Empty,
        };
    }

    /// <summary>The flagged update: its expression and operation.</summary>
    private static (ExpressionSyntax Expression, IOperation Operation)? Update(FixDocument document, Diagnostic diagnostic)
    {
        var node = document.Root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        while (node is not null && node.Span == diagnostic.Location.SourceSpan && node is not ExpressionSyntax)
        {
            node = node.Parent;
        }

        return node is ExpressionSyntax expression && document.Model.GetOperation(expression, document.CancellationToken) is { } operation
            ? (expression, operation)
            : null;
    }

    internal override Task<ImmutableArray<FixEdit>> PlanAsync(FixDocument document, Diagnostic diagnostic)
    {
        if (Update(document, diagnostic) is not var (expression, operation)
            || document.Types.Interlocked is not { } interlocked
            || Plan(operation, expression) is not { } plan
            || !CanPassByRef(plan.Target)
            || ReadsTargetAgain(operation, plan.Target)
            || IsChecked(expression, document))
        {
            return One(null);
        }

        var call = Call(interlocked, plan.Method, plan.Target.Syntax, plan.Operand);
        var bound = document.Model.GetSpeculativeSymbolInfo(expression.SpanStart, call, SpeculativeBindingOption.BindAsExpression).Symbol;
        if (bound is not IMethodSymbol { Name: var name } method || name != plan.Method || !WellKnownTypes.Eq(method.ContainingType, interlocked)
            || !WellKnownTypes.Eq(method.Parameters[0].Type, plan.Target.Type))
        {
            return One(null);
        }

        return One(new FixEdit(expression, current => Call(interlocked, plan.Method, TargetSyntax(current), OperandSyntax(current, plan)).WithTriviaFrom(current)));
    }

    /// <summary>x += x reads x a second time: Interlocked.Add(ref x, x) would still race on that read.</summary>
    private static bool ReadsTargetAgain(IOperation operation, IOperation target)
    {
        // For an element, any other use of the same array counts (bins[b] += bins[b]).
        var element = target.WalkDownConversions() as IArrayElementReferenceOperation;
        var path = AccessPath.Of(element?.ArrayReference ?? target);
        var count = 0;
        foreach (var part in operation.Descendants())
        {
            if (path is not null && path.Equals(AccessPath.Of(part)) && ++count > (operation is ISimpleAssignmentOperation ? 2 : 1))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>In a checked context x++ throws on overflow; Interlocked wraps around silently.</summary>
    private static bool IsChecked(ExpressionSyntax expression, FixDocument document)
    {
        foreach (var ancestor in expression.Ancestors())
        {
            switch (ancestor)
            {
                case CheckedExpressionSyntax checkedExpression:
                    return checkedExpression.IsKind(SyntaxKind.CheckedExpression);
                case CheckedStatementSyntax checkedStatement:
                    return checkedStatement.IsKind(SyntaxKind.CheckedStatement);
            }
        }

        return document.Model.Compilation.Options.CheckOverflow;
    }

    private sealed class UpdatePlan
    {
        public UpdatePlan(string method, IOperation target, ExpressionSyntax? operand, bool negate, bool operandOnLeft = false)
        {
            Method = method;
            Target = target;
            Operand = negate && operand is not null ? Negate(operand) : operand;
            Negated = negate;
            OperandOnLeft = operandOnLeft;
        }

        /// <summary>In x = e + x, the operand is the left side of the addition.</summary>
        public bool OperandOnLeft { get; }

        public string Method { get; }

        public IOperation Target { get; }

        public ExpressionSyntax? Operand { get; }

        public bool Negated { get; }
    }

    /// <summary>Which Interlocked call does the same update, or null where none does (or the old value is used).</summary>
    private static UpdatePlan? Plan(IOperation operation, ExpressionSyntax expression)
    {
        switch (operation)
        {
            case IIncrementOrDecrementOperation increment:
                // x++ used as a value is the old value; Increment returns the new one. (A void lambda's body is a statement.)
                if (increment.IsPostfix && increment.Parent is not IExpressionStatementOperation)
                {
                    return null;
                }

                return new UpdatePlan(increment.Kind == OperationKind.Increment ? "Increment" : "Decrement", increment.Target, null, negate: false);
            case ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract } compound
                when expression is AssignmentExpressionSyntax assignment:
                return Additive(compound.OperatorKind, compound.Target, assignment.Right, compound.Value);
            case ISimpleAssignmentOperation { Value: IBinaryOperation { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract } binary } simple
                when binary.Syntax is BinaryExpressionSyntax binarySyntax:
                var target = AccessPath.Of(simple.Target);
                if (target is not null && target.Equals(AccessPath.Of(binary.LeftOperand)))
                {
                    return Additive(binary.OperatorKind, simple.Target, binarySyntax.Right, binary.RightOperand);
                }

                // x = e + x (not x = e - x, which is no addition to x).
                return target is not null && binary.OperatorKind == BinaryOperatorKind.Add && target.Equals(AccessPath.Of(binary.RightOperand))
                    ? new UpdatePlan("Add", simple.Target, binarySyntax.Left, negate: false, operandOnLeft: true)
                    : null;
            default:
                return null;
        }
    }

    /// <summary>
    /// Add, or Add of the negation for subtraction: not for unsigned types, which have no negation, nor for a constant
    /// MinValue, whose negation does not fit.
    /// </summary>
    private static UpdatePlan? Additive(BinaryOperatorKind kind, IOperation target, ExpressionSyntax operand, IOperation? operandOperation = null)
    {
        if (kind == BinaryOperatorKind.Subtract
            && (target.Type?.SpecialType is SpecialType.System_UInt32 or SpecialType.System_UInt64
                || operandOperation?.WalkDownConversions().ConstantValue is { HasValue: true, Value: int.MinValue or long.MinValue }))
        {
            return null;
        }

        return new UpdatePlan("Add", target, operand, negate: kind == BinaryOperatorKind.Subtract);
    }

    /// <summary>Fields (not readonly), locals, parameters and array elements.</summary>
    private static bool CanPassByRef(IOperation target) => target.WalkDownConversions() switch
    {
        // A volatile field is fine: the compiler keeps its semantics for Interlocked's ref (no CS0420 there).
        IFieldReferenceOperation { Field: { IsReadOnly: false, IsConst: false } } => true,
        ILocalReferenceOperation { Local.IsRef: false } => true,
        IParameterReferenceOperation { Parameter.RefKind: RefKind.None } => true,
        IArrayElementReferenceOperation => true,
        _ => false,
    };

    private static ExpressionSyntax TargetSyntax(SyntaxNode current) => current switch
    {
        PostfixUnaryExpressionSyntax postfix => postfix.Operand,
        PrefixUnaryExpressionSyntax prefix => prefix.Operand,
        AssignmentExpressionSyntax assignment => assignment.Left,
        _ => (ExpressionSyntax)current,
    };

    /// <summary>The operand as it is in the (possibly edited) node: the right of x += e, the other side of x = x + e.</summary>
    private static ExpressionSyntax? OperandSyntax(SyntaxNode current, UpdatePlan plan)
    {
        if (plan.Operand is null)
        {
            return null;
        }

        var operand = current switch
        {
            AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } simple when WithoutParentheses(simple.Right) is BinaryExpressionSyntax binary =>
                plan.OperandOnLeft ? binary.Left : binary.Right,
            AssignmentExpressionSyntax assignment => assignment.Right,
            _ => null,
        };
        return operand is null ? null : plan.Negated ? Negate(operand) : operand;
    }

    /// <summary>x = (x + e): the addition inside the parentheses.</summary>
    private static ExpressionSyntax WithoutParentheses(ExpressionSyntax expression)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized.Expression;
        }

        return expression;
    }

    private static ExpressionSyntax Negate(ExpressionSyntax operand) =>
        SyntaxFactory.PrefixUnaryExpression(
            SyntaxKind.UnaryMinusExpression,
            SyntaxFactory.ParenthesizedExpression(operand.WithoutTrivia()).WithAdditionalAnnotations(Simplifier.Annotation));

    private static InvocationExpressionSyntax Call(INamedTypeSymbol interlocked, string method, SyntaxNode target, ExpressionSyntax? operand)
    {
        var reference = SyntaxFactory.Argument(
            null,
            SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.RefKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space)),
            ((ExpressionSyntax)target).WithoutTrivia());
        var arguments = SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(reference));
        if (operand is not null)
        {
            arguments = AwaitSyntax.AddArgument(arguments, SyntaxFactory.Argument(operand.WithoutTrivia()));
        }

        return SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, QualifiedType.For(interlocked), SyntaxFactory.IdentifierName(method)),
            arguments);
    }
}
