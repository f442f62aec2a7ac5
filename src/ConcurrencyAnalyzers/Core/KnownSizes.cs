using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Core;

/// <summary>
/// Numbers and collection sizes known statically: constants, arithmetic on them, locals initialized once and never
/// written again, array creations and initializers, string literals, <c>Enumerable.Range</c>/<c>Repeat</c>, LINQ
/// operators that keep or cap the size of their source, and <c>Length</c>/<c>Count</c>/<c>GetLength</c> of those.
/// </summary>
internal sealed class KnownSizes
{
    private const int MaxDepth = 8;

    private readonly WellKnownTypes _types;

    public KnownSizes(WellKnownTypes types) => _types = types;

    /// <summary>Estimating a helper's body: a collection reached from a parameter is one element's (see CostWalker.AssumedSize).</summary>
    public bool InHelper { get; set; }

    /// <summary>
    /// How many loops with an assumed count enclose the code being estimated (a helper called in one starts at 1):
    /// only the outermost unknown dimension is assumed large.
    /// </summary>
    public int AssumedDepth { get; set; }

    /// <summary>The numeric value of an expression, when known.</summary>
    public double? ValueOf(IOperation? operation, int depth = 0)
    {
        if (operation is null || depth > MaxDepth)
        {
            return null;
        }

        if (operation.ConstantValue is { HasValue: true, Value: { } constant } && AsNumber(constant) is { } number)
        {
            return number;
        }

        switch (operation.WalkDownConversions())
        {
            case ILocalReferenceOperation local when InitializerOf(local) is { } initializer:
                return ValueOf(initializer, depth + 1);
            case IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: true } field } reference
                when StaticReadOnlyInitializer(field, reference.SemanticModel) is { } fieldInitializer:
                return ValueOf(fieldInitializer, depth + 1);
            case IBinaryOperation binary when ValueOf(binary.LeftOperand, depth + 1) is { } left && ValueOf(binary.RightOperand, depth + 1) is { } right:
                return binary.OperatorKind switch
                {
                    BinaryOperatorKind.Add => left + right,
                    BinaryOperatorKind.Subtract => left - right,
                    BinaryOperatorKind.Multiply => left * right,
                    BinaryOperatorKind.Divide when right != 0 => Math.Floor(left / right),
                    BinaryOperatorKind.LeftShift when right is >= 0 and < 63 => left * Math.Pow(2, right),
                    BinaryOperatorKind.RightShift when right is >= 0 and < 63 => Math.Floor(left / Math.Pow(2, right)),
                    _ => null,
                };
            case IPropertyReferenceOperation { Property.Name: "Length" or "LongLength" or "Count", Instance: { } instance }:
                return SizeOf(instance, depth + 1) is { Assumed: false } size ? size.Value : null;
            case IInvocationOperation { TargetMethod.Name: "GetLength", Instance: { } array } invocation
                when invocation.Arguments.Length == 1 && ValueOf(invocation.Arguments[0].Value, depth + 1) is { } dimension:
                return DimensionOf(array, (int)dimension, depth + 1);
            case IInvocationOperation { TargetMethod.Name: "Count", TargetMethod.IsExtensionMethod: true, Arguments.Length: 1 } count
                when WellKnownTypes.Eq(count.TargetMethod.ContainingType, _types.Enumerable):
                return SizeOf(count.Arguments[0].Value, depth + 1) is { Assumed: false } counted ? counted.Value : null;
            default:
                return null;
        }
    }

    /// <summary>The number of elements of a collection, string or array; null when nothing is known about it.</summary>
    public KnownCount? SizeOf(IOperation? operation, int depth = 0)
    {
        if (operation is null || depth > MaxDepth)
        {
            return null;
        }

        if (operation.ConstantValue is { HasValue: true, Value: string text })
        {
            return KnownCount.Exact(text.Length);
        }

        switch (operation.WalkDownConversions())
        {
            case IArrayCreationOperation creation:
                if (creation.Initializer is { } initializer && creation.DimensionSizes.Length == 1)
                {
                    return KnownCount.Exact(initializer.ElementValues.Length);
                }

                double product = 1;
                foreach (var dimension in creation.DimensionSizes)
                {
                    if (ValueOf(dimension, depth + 1) is not { } length)
                    {
                        return null;
                    }

                    product *= length;
                }

                return KnownCount.Exact(product);
            case ILocalReferenceOperation local when InitializerOf(local) is { } localInitializer:
                return SizeOf(localInitializer, depth + 1);
            case IObjectCreationOperation { Initializer: { } listInitializer } when IsList(listInitializer.Type):
                return KnownCount.Exact(listInitializer.Initializers.Length);
            case IObjectCreationOperation { Arguments.Length: 1 } list when IsList(list.Type) && list.Arguments[0].Value.Type is not { SpecialType: SpecialType.System_Int32 }:
                return SizeOf(list.Arguments[0].Value, depth + 1);
            case IInvocationOperation invocation:
                return SizeOfInvocation(invocation, depth);
            default:
                return null;
        }
    }

    private KnownCount? SizeOfInvocation(IInvocationOperation invocation, int depth)
    {
        var method = invocation.TargetMethod;
        if (!WellKnownTypes.Eq(method.ContainingType, _types.Enumerable))
        {
            // list.ToArray(), array.AsSpan() and similar keep the size of their receiver.
            return method.Name is "ToArray" or "ToList" or "AsSpan" or "AsMemory" or "Clone" && invocation.Receiver() is { } receiver
                ? SizeOf(receiver, depth + 1)
                : null;
        }

        var arguments = invocation.Arguments;
        switch (method.Name)
        {
            case "Range" when arguments.Length == 2:
                return ValueOf(arguments[1].Value, depth + 1) is { } count ? KnownCount.Exact(count) : null;
            case "Repeat" when arguments.Length == 2:
                return ValueOf(arguments[1].Value, depth + 1) is { } repeated ? KnownCount.Exact(repeated) : null;
            case "Take" when arguments.Length == 2:
                var taken = ValueOf(arguments[1].Value, depth + 1);
                var source = SizeOf(arguments[0].Value, depth + 1);
                return (taken, source) switch
                {
                    ({ } t, { Assumed: false } s) => KnownCount.Exact(Math.Min(t, s.Value)),
                    ({ } t, _) => KnownCount.Exact(t),
                    _ => source,
                };
            case "Select" or "Where" or "OrderBy" or "OrderByDescending" or "ThenBy" or "ThenByDescending" or "Order" or "OrderDescending"
                or "ToArray" or "ToList" or "AsEnumerable" or "Reverse" or "Distinct" or "Cast" or "OfType" or "Skip" or "SkipWhile" or "TakeWhile"
                when arguments.Length >= 1:
                return SizeOf(arguments[0].Value, depth + 1);
            default:
                return null;
        }
    }

    private double? DimensionOf(IOperation array, int dimension, int depth)
    {
        var value = array.WalkDownConversions();
        if (value is ILocalReferenceOperation local && InitializerOf(local) is { } initializer)
        {
            value = initializer;
        }

        return value is IArrayCreationOperation creation && dimension >= 0 && dimension < creation.DimensionSizes.Length
            ? ValueOf(creation.DimensionSizes[dimension], depth + 1)
            : null;
    }

    /// <summary>
    /// The initializer of a <c>static readonly</c> field declared in the same file (<c>static readonly int Rounds =
    /// 600_000;</c>): set once, before any use. Fields of other files are not looked up.
    /// </summary>
    private static IOperation? StaticReadOnlyInitializer(IFieldSymbol field, SemanticModel? model)
    {
        if (model is null || field.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        var declarator = field.DeclaringSyntaxReferences[0].GetSyntax();
        return declarator.SyntaxTree == model.SyntaxTree
            && declarator is Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax { Initializer.Value: { } value }
            && model.GetOperation(value) is { } operation
                ? operation.WalkDownConversions()
                : null;
    }

    private bool IsList(ITypeSymbol? type) => type is INamedTypeSymbol named && WellKnownTypes.Eq(named.OriginalDefinition, _types.ListOfT);

    /// <summary>The initializer of a local that is never written after its declaration (so the value flows to every use).</summary>
    private static IOperation? InitializerOf(ILocalReferenceOperation reference)
    {
        var local = reference.Local;
        if (local.IsRef)
        {
            return null;
        }

        var facts = LocalFacts.Of(reference);
        return !facts.Written.Contains(local) && facts.Initializers.TryGetValue(local, out var initializer) ? initializer : null;
    }

    private static double? AsNumber(object constant) => constant switch
    {
        int i => i,
        long l => l,
        uint u => u,
        ulong ul => ul,
        short s => s,
        ushort us => us,
        byte b => b,
        sbyte sb => sb,
        double d when !double.IsNaN(d) && !double.IsInfinity(d) => d,
        float f when !float.IsNaN(f) && !float.IsInfinity(f) => f,
        decimal m => (double)m,
        _ => null,
    };
}
