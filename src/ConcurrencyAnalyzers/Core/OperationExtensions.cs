using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Core;

internal static class OperationExtensions
{
    /// <summary>Strips implicit and explicit conversions and parenthesized wrappers.</summary>
    public static IOperation WalkDownConversions(this IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation { Operand: { } operand }:
                    operation = operand;
                    continue;
                case IParenthesizedOperation { Operand: { } inner }:
                    operation = inner;
                    continue;
                default:
                    return operation;
            }
        }
    }

    /// <summary>The local, parameter or field a reference operation names, or null.</summary>
    public static ISymbol? ReferencedSymbol(this IOperation operation) => operation.WalkDownConversions() switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        IFieldReferenceOperation field when field.Instance is null or IInstanceReferenceOperation => field.Field,
        _ => null,
    };

    /// <summary>The receiver of an invocation: its instance, or the this-argument of an extension method call.</summary>
    public static IOperation? Receiver(this IInvocationOperation invocation)
    {
        if (invocation.Instance is { } instance)
        {
            return instance;
        }

        return invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0
            ? invocation.Arguments[0].Value
            : null;
    }
}
