using ConcurrencyAnalyzers.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.CpuBound;

/// <summary>
/// Whether a loop's iterations are provably independent, so <c>Parallel.For</c>/<c>Parallel.ForEach</c> can run them
/// at once: a <c>for</c> over an int or long counter stepping by one (or a <c>foreach</c> with a plain iteration
/// variable) whose body writes nothing declared outside it except array elements indexed by the counter itself, calls
/// only side-effect-free members (Math, members of primitive values and strings, methods of objects the iteration
/// creates), and has no jump out of the body, await, yield or ref local.
/// </summary>
internal static class LoopIndependence
{
    public static bool IsParallelizable(ILoopOperation loop, WellKnownTypes types)
    {
        if (types.Parallel is null)
        {
            return false;
        }

        ILocalSymbol? index;
        switch (loop)
        {
            case IForLoopOperation forLoop when CounterOf(forLoop) is { } counter:
                index = counter;
                break;
            case IForEachLoopOperation { IsAsynchronous: false, Syntax: ForEachStatementSyntax, Locals.Length: 1 } forEach
                when forEach.LoopControlVariable is IVariableDeclaratorOperation
                     && forEach.Collection.WalkDownConversions().Type is { IsRefLikeType: false }:
                index = null;
                break;
            default:
                return false;
        }

        foreach (var operation in loop.Body.DescendantsAndSelf())
        {
            if (!IsIndependent(operation, loop, index, types))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>for (int i = a; i &lt; b; i++) with i an int or long not written in the body.</summary>
    private static ILocalSymbol? CounterOf(IForLoopOperation loop)
    {
        if (loop.Locals.Length != 1
            || loop.Locals[0] is not { Type.SpecialType: SpecialType.System_Int32 or SpecialType.System_Int64 } counter
            || loop.Condition?.WalkDownConversions() is not IBinaryOperation { OperatorKind: BinaryOperatorKind.LessThan } condition
            || condition.LeftOperand.WalkDownConversions() is not ILocalReferenceOperation { Local: var compared }
            || !WellKnownTypes.Eq(compared, counter)
            || loop.AtLoopBottom.Length != 1
            || loop.AtLoopBottom[0] is not IExpressionStatementOperation { Operation: IIncrementOrDecrementOperation { Kind: OperationKind.Increment, Target: ILocalReferenceOperation stepped } }
            || !WellKnownTypes.Eq(stepped.Local, counter)
            || loop.Syntax is not ForStatementSyntax { Declaration.Variables.Count: 1 } syntax
            || syntax.Declaration.Variables[0].Initializer is null)
        {
            return null;
        }

        return counter;
    }

    private static bool IsIndependent(IOperation operation, ILoopOperation loop, ILocalSymbol? index, WellKnownTypes types)
    {
        switch (operation)
        {
            case IAwaitOperation or IReturnOperation or ILockOperation or IThrowOperation:
                // Leaves the loop, waits, or would surface as an AggregateException from Parallel.
                return false;
            case IBranchOperation branch:
                // The body's own continue becomes a return from the delegate; break is fine only in a nested loop or switch.
                return branch.BranchKind == BranchKind.Continue
                    || (branch.BranchKind == BranchKind.Break && IsInsideNestedLoop(branch, loop));
            case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } when IsStructMember(loop):
                return false; // A lambda cannot capture this of a struct.
            case IAnonymousFunctionOperation or ILocalFunctionOperation:
                return false;
            case IVariableDeclaratorOperation { Symbol.IsRef: true }:
                return false;
            case ILocalReferenceOperation { Type.IsRefLikeType: true } local when !Declares(loop.Body, local.Local):
                return false;
            case IParameterReferenceOperation { Parameter.RefKind: not RefKind.None }:
                return false;
            case IAssignmentOperation assignment:
                return IsOwnStorage(assignment.Target, loop, index);
            case IIncrementOrDecrementOperation increment:
                return IsOwnStorage(increment.Target, loop, index);
            case IInvocationOperation invocation:
                return IsSideEffectFree(invocation, loop, types);
            case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument:
                return IsOwnStorage(argument.Value, loop, index);
            case IObjectCreationOperation or IArrayCreationOperation:
                return true;
            case IPropertyReferenceOperation property when IsAssigned(property):
                return IsOwnStorage(property, loop, index);
            default:
                return true;
        }
    }

    private static bool IsAssigned(IOperation operation) => operation.Parent is IAssignmentOperation assignment && assignment.Target == operation;

    private static bool IsInsideNestedLoop(IOperation branch, ILoopOperation loop)
    {
        for (var current = branch.Parent; current is not null && current != loop; current = current.Parent)
        {
            if (current is ILoopOperation or ISwitchOperation)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsStructMember(IOperation operation)
    {
        var model = operation.SemanticModel;
        return model?.GetEnclosingSymbol(operation.Syntax.SpanStart)?.ContainingType is { TypeKind: TypeKind.Struct };
    }

    /// <summary>Storage of one iteration: a local declared in the body, or an element of an outside array indexed by the counter.</summary>
    private static bool IsOwnStorage(IOperation target, ILoopOperation loop, ILocalSymbol? index)
    {
        switch (target.WalkDownConversions())
        {
            case ILocalReferenceOperation local:
                return Declares(loop.Body, local.Local);
            case IArrayElementReferenceOperation element:
                if (element.ArrayReference.WalkDownConversions() is ILocalReferenceOperation owner && Declares(loop.Body, owner.Local))
                {
                    return true;
                }

                // results[i] = ...: a distinct element per iteration (single-dimension arrays only).
                return index is not null
                    && element.Indices.Length == 1
                    && element.Indices[0].WalkDownConversions() is ILocalReferenceOperation { Local: var used }
                    && WellKnownTypes.Eq(used, index)
                    && element.ArrayReference.WalkDownConversions() is ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation { Field.IsReadOnly: true };
            case IMemberReferenceOperation { Instance: ILocalReferenceOperation objectLocal } and (IFieldReferenceOperation or IPropertyReferenceOperation):
                return Declares(loop.Body, objectLocal.Local);
            case IMemberReferenceOperation { Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } }:
                return true; // new Point { X = 1 }: the object being made.
            case ITupleOperation tuple:
                foreach (var part in tuple.Elements)
                {
                    if (!IsOwnStorage(part, loop, index))
                    {
                        return false;
                    }
                }

                return true;
            case IDeclarationExpressionOperation or IDiscardOperation:
                return true;
            default:
                return false;
        }
    }

    /// <summary>Math functions, members of primitives and strings (copies or immutable), and members of objects the iteration made.</summary>
    private static bool IsSideEffectFree(IInvocationOperation invocation, ILoopOperation loop, WellKnownTypes types)
    {
        var method = invocation.TargetMethod;
        var type = method.ContainingType;
        if (type is null)
        {
            return false;
        }

        if (type.SpecialType == SpecialType.System_String
            || (type.Name is "Math" or "MathF" && type.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true })
            || WellKnownTypes.Eq(type, types.BigInteger))
        {
            return true;
        }

        if (!method.IsStatic && invocation.Instance?.WalkDownConversions() is { } receiver)
        {
            if (receiver.Type is { IsValueType: true } && type.SpecialType != SpecialType.None)
            {
                return true; // i.ToString(), x.CompareTo(y)
            }

            return receiver is ILocalReferenceOperation owner && Declares(loop.Body, owner.Local);
        }

        return false;
    }

    private static bool Declares(IOperation body, ILocalSymbol local)
    {
        foreach (var reference in local.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree == body.Syntax.SyntaxTree && body.Syntax.Span.Contains(reference.Span))
            {
                return true;
            }
        }

        return false;
    }
}
