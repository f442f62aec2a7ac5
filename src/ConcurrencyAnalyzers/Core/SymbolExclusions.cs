using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace ConcurrencyAnalyzers.Core;

/// <summary>
/// A set of types and methods given as documentation ids: <c>T:Namespace.Type</c> excludes every member called on a
/// receiver of that type (or a type derived from it), <c>M:Namespace.Type.Method</c> every overload of that method.
/// Entries are comma separated (.editorconfig reads ';' and '#' as comments); entries that do not start with
/// <c>T:</c> or <c>M:</c> are ignored.
/// </summary>
internal sealed class SymbolExclusions
{
    private readonly ImmutableHashSet<string> _types;
    private readonly ImmutableHashSet<string> _methods;
    private readonly ConcurrentDictionary<ITypeSymbol, bool> _typeCache = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _methodCache = new(SymbolEqualityComparer.Default);

    private SymbolExclusions(ImmutableHashSet<string> types, ImmutableHashSet<string> methods)
    {
        _types = types;
        _methods = methods;
    }

    public static SymbolExclusions Parse(IEnumerable<string> builtIn, string? configured)
    {
        var types = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        var methods = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (var entry in builtIn)
        {
            Add(entry);
        }

        if (configured is not null)
        {
            foreach (var entry in configured.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries))
            {
                Add(entry.Trim());
            }
        }

        return new SymbolExclusions(types.ToImmutable(), methods.ToImmutable());

        void Add(string entry)
        {
            if (entry.Length > 2 && entry.StartsWith("T:", StringComparison.Ordinal))
            {
                types.Add(entry.Substring(2));
            }
            else if (entry.Length > 2 && entry.StartsWith("M:", StringComparison.Ordinal))
            {
                methods.Add(entry.Substring(2));
            }
        }
    }

    /// <summary>True when the type or one of its base types is excluded.</summary>
    public bool IsExcludedType(ITypeSymbol? type)
    {
        if (type is null || _types.IsEmpty)
        {
            return false;
        }

        if (!_typeCache.TryGetValue(type, out var excluded))
        {
            excluded = false;
            for (var current = type; current is not null && !excluded; current = current.BaseType)
            {
                excluded = _types.Contains(TypeId(current));
            }

            _typeCache.TryAdd(type, excluded);
        }

        return excluded;
    }

    public bool IsExcludedMethod(IMethodSymbol method)
    {
        if (_methods.IsEmpty)
        {
            return false;
        }

        var definition = method.OriginalDefinition;
        if (!_methodCache.TryGetValue(definition, out var excluded))
        {
            excluded = false;
            for (var current = definition; current is not null && !excluded; current = current.OverriddenMethod)
            {
                excluded = _methods.Contains(TypeId(current.ContainingType) + "." + current.Name);
            }

            _methodCache.TryAdd(definition, excluded);
        }

        return excluded;
    }

    private static string TypeId(ITypeSymbol type)
    {
        var id = type.OriginalDefinition.GetDocumentationCommentId();
        return id is { Length: > 2 } ? id.Substring(2) : type.ToDisplayString();
    }
}
