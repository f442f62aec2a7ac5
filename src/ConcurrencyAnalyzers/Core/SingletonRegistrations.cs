using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Core;

/// <summary>
/// The class a Microsoft.Extensions.DependencyInjection call registers as a singleton: AddSingleton,
/// AddKeyedSingleton, TryAddSingleton and TryAddKeyedSingleton, with the implementation given as a type argument, a
/// typeof, or a factory or instance that is a <c>new</c> of a known class. One instance of it serves every caller.
/// </summary>
internal static class SingletonRegistrations
{
    /// <summary>The registered implementation class (its original definition), or null when the call registers none we know.</summary>
    public static INamedTypeSymbol? ImplementationOf(IInvocationOperation invocation, WellKnownTypes types)
    {
        var method = invocation.TargetMethod;
        if (method.Name is not ("AddSingleton" or "AddKeyedSingleton" or "TryAddSingleton" or "TryAddKeyedSingleton")
            || !(WellKnownTypes.Eq(method.ContainingType, types.ServiceCollectionServiceExtensions)
                 || WellKnownTypes.Eq(method.ContainingType, types.ServiceCollectionDescriptorExtensions)))
        {
            return null;
        }

        ITypeSymbol? serviceType = null;
        ITypeSymbol? implementationType = null;
        foreach (var argument in invocation.Arguments)
        {
            switch (argument.Parameter?.Name)
            {
                // A factory or an instance decides the class whatever the type arguments say.
                case "implementationFactory":
                    return Class(CreatedBy(argument.Value));
                case "implementationInstance":
                    return Class(Created(argument.Value));
                case "implementationType":
                    implementationType = TypeOf(argument.Value);
                    break;
                case "serviceType":
                    serviceType = TypeOf(argument.Value);
                    break;
            }
        }

        // AddSingleton<TService, TImplementation>() registers TImplementation; AddSingleton<TService>() TService itself.
        var typeArguments = method.TypeArguments;
        return Class(implementationType ?? (typeArguments.IsEmpty ? serviceType : typeArguments[typeArguments.Length - 1]));
    }

    private static INamedTypeSymbol? Class(ITypeSymbol? type) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Class, IsAbstract: false } named ? named.OriginalDefinition : null;

    private static ITypeSymbol? TypeOf(IOperation value) => (value.WalkDownConversions() as ITypeOfOperation)?.TypeOperand;

    /// <summary><c>new T(...)</c>, or null for any other expression (a shared instance, a call).</summary>
    private static ITypeSymbol? Created(IOperation value) => (value.WalkDownConversions() as IObjectCreationOperation)?.Type;

    /// <summary>The class a factory lambda creates when its body is one <c>return new T(...)</c> (or an expression body).</summary>
    private static ITypeSymbol? CreatedBy(IOperation value)
    {
        var current = value.WalkDownConversions();
        while (current is IDelegateCreationOperation { Target: var target })
        {
            current = target.WalkDownConversions();
        }

        return current is IAnonymousFunctionOperation { Body.Operations: { Length: 1 } operations }
               && operations[0] is IReturnOperation { ReturnedValue: { } returned }
            ? Created(returned)
            : null;
    }
}
