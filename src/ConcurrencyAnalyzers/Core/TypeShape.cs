using Microsoft.CodeAnalysis;

namespace ConcurrencyAnalyzers.Core;

/// <summary>Type identity that also matches type parameters by position, for comparing generic sync/async pairs.</summary>
internal static class TypeShape
{
    public static bool Same(ITypeSymbol a, ITypeSymbol b)
    {
        if (SymbolEqualityComparer.Default.Equals(a, b))
        {
            return true;
        }

        switch (a)
        {
            case ITypeParameterSymbol pa when b is ITypeParameterSymbol pb:
                return pa.Ordinal == pb.Ordinal && pa.TypeParameterKind == pb.TypeParameterKind;
            case IArrayTypeSymbol arrayA when b is IArrayTypeSymbol arrayB:
                return arrayA.Rank == arrayB.Rank && Same(arrayA.ElementType, arrayB.ElementType);
            case INamedTypeSymbol { IsGenericType: true } namedA when b is INamedTypeSymbol { IsGenericType: true } namedB
                && SymbolEqualityComparer.Default.Equals(namedA.OriginalDefinition, namedB.OriginalDefinition):
                for (var i = 0; i < namedA.TypeArguments.Length; i++)
                {
                    if (!Same(namedA.TypeArguments[i], namedB.TypeArguments[i]))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }
}
