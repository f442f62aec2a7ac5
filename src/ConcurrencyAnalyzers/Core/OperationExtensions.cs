using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Core;

internal static class OperationExtensions
{
    /// <summary>Strips implicit and explicit conversions (C# has no parenthesized operations to strip).</summary>
    public static IOperation WalkDownConversions(this IOperation operation)
    {
        while (operation is IConversionOperation { Operand: { } operand })
        {
            operation = operand;
        }

        return operation;
    }

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

    /// <summary>The initializer of a local declared in the same tree, without conversions; null otherwise.</summary>
    public static IOperation? InitializerOf(this ILocalSymbol local, SemanticModel? model)
    {
        if (model is null || local.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        var declarator = local.DeclaringSyntaxReferences[0].GetSyntax();
        if (declarator.SyntaxTree != model.SyntaxTree)
        {
            return null;
        }

        return model.GetOperation(declarator) is IVariableDeclaratorOperation { Initializer.Value: { } value }
            ? value.WalkDownConversions()
            : null;
    }
}
