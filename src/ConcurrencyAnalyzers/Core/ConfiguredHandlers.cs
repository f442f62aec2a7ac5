using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace ConcurrencyAnalyzers.Core;

/// <summary>
/// Handler attributes and base types a user adds in .editorconfig (metadata names, comma separated). Names that do
/// not resolve to a type of the compilation are ignored, so an invalid value falls back to the built-in detection.
/// </summary>
internal sealed class ConfiguredHandlers
{
    public static readonly ConfiguredHandlers None = new(ImmutableArray<INamedTypeSymbol>.Empty, ImmutableArray<INamedTypeSymbol>.Empty);

    private readonly ImmutableArray<INamedTypeSymbol> _attributes;
    private readonly ImmutableArray<INamedTypeSymbol> _baseTypes;

    private ConfiguredHandlers(ImmutableArray<INamedTypeSymbol> attributes, ImmutableArray<INamedTypeSymbol> baseTypes)
    {
        _attributes = attributes;
        _baseTypes = baseTypes;
    }

    public bool IsEmpty => _attributes.IsEmpty && _baseTypes.IsEmpty;

    public static ConfiguredHandlers Parse(string? attributes, string? baseTypes, WellKnownTypes types)
    {
        var resolvedAttributes = Resolve(attributes, types);
        var resolvedBaseTypes = Resolve(baseTypes, types);
        return resolvedAttributes.IsEmpty && resolvedBaseTypes.IsEmpty ? None : new ConfiguredHandlers(resolvedAttributes, resolvedBaseTypes);
    }

    public bool IsAttribute(INamedTypeSymbol? attribute)
    {
        foreach (var configured in _attributes)
        {
            if (WellKnownTypes.Derives(attribute, configured))
            {
                return true;
            }
        }

        return false;
    }

    public bool IsBaseType(INamedTypeSymbol type)
    {
        foreach (var configured in _baseTypes)
        {
            if (WellKnownTypes.Eq(type.OriginalDefinition, configured))
            {
                return true;
            }
        }

        return false;
    }

    private static ImmutableArray<INamedTypeSymbol> Resolve(string? names, WellKnownTypes types)
    {
        if (string.IsNullOrWhiteSpace(names))
        {
            return ImmutableArray<INamedTypeSymbol>.Empty;
        }

        var resolved = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
        foreach (var name in names!.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries))
        {
            if (types.Resolve(name.Trim()) is { } type)
            {
                resolved.Add(type);
            }
        }

        return resolved.ToImmutable();
    }
}
