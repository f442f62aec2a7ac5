using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
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
/// creates, static methods of the compilation that do the same, two calls deep), and has no jump out of the body,
/// await, yield or ref local.
/// </summary>
internal static class LoopIndependence
{
    private const int MaxHelperDepth = 2;

    private static readonly ConditionalWeakTable<Compilation, HelperBodies> Helpers = new();
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

        return IsIndependent(new Scope(loop.Body, loop, index, types, helperDepth: 0));
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

    /// <summary>The code being checked: a loop body (with its counter), or the body of a helper it calls.</summary>
    private sealed class Scope
    {
        public Scope(IOperation body, ILoopOperation? loop, ILocalSymbol? index, WellKnownTypes types, int helperDepth)
        {
            Body = body;
            Loop = loop;
            Index = index;
            Types = types;
            HelperDepth = helperDepth;
        }

        public IOperation Body { get; }

        /// <summary>The loop whose body this is; null in a helper.</summary>
        public ILoopOperation? Loop { get; }

        public ILocalSymbol? Index { get; }

        public WellKnownTypes Types { get; }

        public int HelperDepth { get; }
    }

    private static bool IsIndependent(Scope scope)
    {
        foreach (var operation in scope.Body.DescendantsAndSelf())
        {
            if (!IsIndependent(operation, scope))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsIndependent(IOperation operation, Scope scope)
    {
        switch (operation)
        {
            case IReturnOperation when scope.Loop is null:
                return operation.Kind == OperationKind.Return; // A helper returns its value; yield makes an iterator.
            case IAwaitOperation or IReturnOperation or ILockOperation or IThrowOperation:
                // Leaves the loop, waits, or would surface as an AggregateException from Parallel.
                return false;
            case IBranchOperation branch when scope.Loop is not null:
                // The body's own continue becomes a return from the delegate; break is fine only in a nested loop or switch.
                return branch.BranchKind == BranchKind.Continue
                    || (branch.BranchKind == BranchKind.Break && IsInsideNestedLoop(branch, scope.Loop));
            case IBranchOperation helperBranch:
                return helperBranch.BranchKind is BranchKind.Continue or BranchKind.Break;
            case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }:
                // A lambda cannot capture this of a struct; in a helper, this is shared state.
                return scope.Loop is not null && !IsStructMember(scope.Loop);
            case IAnonymousFunctionOperation or ILocalFunctionOperation:
                return false;
            case IVariableDeclaratorOperation { Symbol.IsRef: true }:
                return false;
            case ILocalReferenceOperation { Type.IsRefLikeType: true } local when !Declares(scope.Body, local.Local):
                return false;
            case IParameterReferenceOperation { Parameter.RefKind: not RefKind.None }:
                return false;
            case IAssignmentOperation assignment:
                return IsOwnStorage(assignment.Target, scope);
            case IIncrementOrDecrementOperation increment:
                return IsOwnStorage(increment.Target, scope);
            case IInvocationOperation invocation:
                return IsSideEffectFree(invocation, scope);
            case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument:
                return IsOwnStorage(argument.Value, scope);
            default:
                return true;
        }
    }

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

    /// <summary>
    /// Storage of one iteration (or one helper call): a local declared in it, a parameter of the helper, a member or
    /// element of an object or array it created, or an element of an outside array indexed by the loop counter.
    /// </summary>
    private static bool IsOwnStorage(IOperation target, Scope scope)
    {
        switch (target.WalkDownConversions())
        {
            case ILocalReferenceOperation local:
                return Declares(scope.Body, local.Local);
            case IParameterReferenceOperation { Parameter.RefKind: RefKind.None }:
                return scope.Loop is null; // A helper's own copy of the argument.
            case IArrayElementReferenceOperation element:
                if (IsOwnObject(element.ArrayReference, scope))
                {
                    return true;
                }

                // results[i] = ...: a distinct element per iteration (single-dimension arrays only).
                return scope.Index is not null
                    && element.Indices.Length == 1
                    && element.Indices[0].WalkDownConversions() is ILocalReferenceOperation { Local: var used }
                    && WellKnownTypes.Eq(used, scope.Index)
                    && element.ArrayReference.WalkDownConversions() is ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation { Field.IsReadOnly: true };
            case IMemberReferenceOperation { Instance: { } instance } and (IFieldReferenceOperation or IPropertyReferenceOperation):
                // new Point { X = 1 }: the object being made.
                return instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } || IsOwnObject(instance, scope);
            case ITupleOperation tuple:
                foreach (var part in tuple.Elements)
                {
                    if (!IsOwnStorage(part, scope))
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

    /// <summary>A local of the scope holding a value-type copy, or an object or array the scope created (not an alias of shared state).</summary>
    private static bool IsOwnObject(IOperation instance, Scope scope)
    {
        if (instance.WalkDownConversions() is not ILocalReferenceOperation { Local: var local } reference || !Declares(scope.Body, local))
        {
            return false;
        }

        return local.Type.IsValueType
            || local.InitializerOf(reference) is IObjectCreationOperation or IArrayCreationOperation;
    }

    /// <summary>
    /// Math functions, members of primitives and strings (copies or immutable), members of objects the scope made, and
    /// static methods of this compilation whose bodies pass the same checks.
    /// </summary>
    private static bool IsSideEffectFree(IInvocationOperation invocation, Scope scope)
    {
        var method = invocation.TargetMethod;
        var type = method.ContainingType;
        if (type is null)
        {
            return false;
        }

        if (type.SpecialType == SpecialType.System_String
            || (type.Name is "Math" or "MathF" && type.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true })
            || WellKnownTypes.Eq(type, scope.Types.BigInteger))
        {
            return true;
        }

        if (!method.IsStatic && invocation.Instance?.WalkDownConversions() is { } receiver)
        {
            if (receiver.Type is { IsValueType: true } && type.SpecialType != SpecialType.None)
            {
                return true; // i.ToString(), x.CompareTo(y)
            }

            return IsOwnObject(receiver, scope);
        }

        return method.IsStatic
            && method.MethodKind == MethodKind.Ordinary
            && !method.IsAsync
            && scope.HelperDepth < MaxHelperDepth
            && invocation.SemanticModel?.Compilation is { } compilation
            && Helpers.GetValue(compilation, static c => new HelperBodies(c)).IsIndependent(method, scope);
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

    /// <summary>Which static helpers of a compilation touch nothing but their own locals, parameters and new objects; cached.</summary>
    private sealed class HelperBodies
    {
        private readonly Compilation _compilation;
        private readonly ConcurrentDictionary<(IMethodSymbol, int), bool> _answers = new();
        private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new();

        public HelperBodies(Compilation compilation) => _compilation = compilation;

        public bool IsIndependent(IMethodSymbol method, Scope caller)
        {
            var definition = method.OriginalDefinition;
            var depth = caller.HelperDepth + 1;
            if (_answers.TryGetValue((definition, depth), out var answer))
            {
                return answer;
            }

            answer = false;
            if (definition.DeclaringSyntaxReferences.Length == 1
                && definition.DeclaringSyntaxReferences[0].GetSyntax() is var declaration
                && _compilation.ContainsSyntaxTree(declaration.SyntaxTree)
                && ModelOf(declaration.SyntaxTree).GetOperation(declaration) is { } body)
            {
                // A recursive helper is refused while it is being checked (the answer is not cached yet, and depth ends it).
                answer = LoopIndependence.IsIndependent(new Scope(body, loop: null, index: null, caller.Types, depth));
            }

            _answers.TryAdd((definition, depth), answer);
            return answer;
        }

#pragma warning disable RS1030 // Helpers live in other trees; their models are cached here, once per tree and compilation.
        private SemanticModel ModelOf(SyntaxTree tree) =>
            _models.TryGetValue(tree, out var model) ? model : _models.GetOrAdd(tree, _compilation.GetSemanticModel(tree));
#pragma warning restore RS1030
    }
}
