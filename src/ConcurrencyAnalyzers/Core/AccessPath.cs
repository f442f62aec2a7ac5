using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Core;

/// <summary>
/// Storage named by a chain of symbols: a local, parameter, field or property of this or a static, followed by fields
/// and properties (<c>t</c>, <c>_pending</c>, <c>order.Price</c>, <c>this.Batch.Tasks</c>). Indexers and calls end
/// the chain: their result is not a place that keeps its value.
/// </summary>
internal sealed class AccessPath : IEquatable<AccessPath>
{
    private readonly ImmutableArray<ISymbol> _symbols;

    private AccessPath(ImmutableArray<ISymbol> symbols) => _symbols = symbols;

    public static AccessPath? Of(IOperation operation)
    {
        var builder = ImmutableArray.CreateBuilder<ISymbol>();
        return Collect(operation.WalkDownConversions(), builder) ? new AccessPath(builder.ToImmutable()) : null;
    }

    /// <summary>The path of a local itself.</summary>
    public static AccessPath For(ILocalSymbol local) => new(ImmutableArray.Create<ISymbol>(local));

    /// <summary>True when this path is <paramref name="other"/> or leads to it: writing this place changes the other.</summary>
    public bool IsPrefixOf(AccessPath other)
    {
        if (_symbols.Length > other._symbols.Length)
        {
            return false;
        }

        for (var i = 0; i < _symbols.Length; i++)
        {
            if (!SymbolEqualityComparer.Default.Equals(_symbols[i], other._symbols[i]))
            {
                return false;
            }
        }

        return true;
    }

    public bool Equals(AccessPath? other) => other is not null && other._symbols.Length == _symbols.Length && IsPrefixOf(other);

    public override bool Equals(object? obj) => Equals(obj as AccessPath);

    public override int GetHashCode()
    {
        var hash = 17;
        foreach (var symbol in _symbols)
        {
            hash = (hash * 31) + SymbolEqualityComparer.Default.GetHashCode(symbol);
        }

        return hash;
    }

    private static bool Collect(IOperation operation, ImmutableArray<ISymbol>.Builder symbols)
    {
        switch (operation)
        {
            case ILocalReferenceOperation local:
                symbols.Add(local.Local);
                return true;
            case IParameterReferenceOperation parameter:
                symbols.Add(parameter.Parameter);
                return true;
            case IFieldReferenceOperation field:
                return Member(field.Field, field.Instance, symbols);
            case IPropertyReferenceOperation { Property.IsIndexer: false } property:
                return Member(property.Property, property.Instance, symbols);
            default:
                return false;
        }
    }

    private static bool Member(ISymbol member, IOperation? instance, ImmutableArray<ISymbol>.Builder symbols)
    {
        // A member of an object being initialized (new T { X = ... }) is not this object's member.
        if (instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver })
        {
            return false;
        }

        if (instance is not null and not IInstanceReferenceOperation && !Collect(instance.WalkDownConversions(), symbols))
        {
            return false;
        }

        symbols.Add(member);
        return true;
    }
}
