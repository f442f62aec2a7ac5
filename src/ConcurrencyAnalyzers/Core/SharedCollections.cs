using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Core;

/// <summary>
/// The System.Collections.Generic collections that are not safe for concurrent writes, and the operations that change
/// one: a mutating method (Add, Remove, Clear, Enqueue...) or a write through its indexer. Resolved once per
/// compilation.
/// </summary>
internal sealed class SharedCollections
{
    private static readonly string[] MetadataNames =
    {
        "System.Collections.Generic.List`1",
        "System.Collections.Generic.Dictionary`2",
        "System.Collections.Generic.HashSet`1",
        "System.Collections.Generic.Queue`1",
        "System.Collections.Generic.Stack`1",
        "System.Collections.Generic.SortedDictionary`2",
        "System.Collections.Generic.SortedList`2",
        "System.Collections.Generic.SortedSet`1",
        "System.Collections.Generic.LinkedList`1",
    };

    private static readonly HashSet<string> Mutators = new()
    {
        "Add", "AddRange", "Insert", "InsertRange", "Remove", "RemoveAt", "RemoveAll", "RemoveRange", "RemoveWhere", "Clear",
        "TryAdd", "Enqueue", "Dequeue", "TryDequeue", "Push", "Pop", "TryPop", "Sort", "Reverse", "AddFirst", "AddLast",
        "AddBefore", "AddAfter", "RemoveFirst", "RemoveLast", "UnionWith", "IntersectWith", "ExceptWith", "SymmetricExceptWith",
        "EnsureCapacity", "TrimExcess", "GetValueRefOrAddDefault",
    };

    /// <summary>The reads that, followed by a change, make a check-then-act.</summary>
    private static readonly HashSet<string> Checks = new() { "ContainsKey", "Contains", "TryGetValue", "ContainsValue" };

    private readonly ImmutableArray<INamedTypeSymbol> _definitions;

    private SharedCollections(ImmutableArray<INamedTypeSymbol> definitions) => _definitions = definitions;

    /// <summary>The collections of the compilation, or null when it has none of them.</summary>
    public static SharedCollections? Create(WellKnownTypes types)
    {
        var builder = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
        foreach (var name in MetadataNames)
        {
            if (types.Resolve(name) is { } type)
            {
                builder.Add(type);
            }
        }

        return builder.Count == 0 ? null : new SharedCollections(builder.ToImmutable());
    }

    /// <summary>True for one of the collections or a type derived from one.</summary>
    public bool IsCollection(ITypeSymbol? type)
    {
        foreach (var definition in _definitions)
        {
            if (WellKnownTypes.Derives(type, definition))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The change <paramref name="operation"/> makes to a collection, or null.</summary>
    public CollectionChange? ChangeOf(IOperation operation)
    {
        switch (operation)
        {
            case IInvocationOperation { Instance: { } instance, TargetMethod: var method }
                when Mutators.Contains(method.Name) && IsCollection(instance.Type):
                return new CollectionChange(operation, instance, method.Name, isIndexer: false, indices: ImmutableArray<IOperation>.Empty);
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target }:
                return Indexer(operation, target);
            case ICompoundAssignmentOperation { Target: IPropertyReferenceOperation target }:
                return Indexer(operation, target);
            case IIncrementOrDecrementOperation { Target: IPropertyReferenceOperation target }:
                return Indexer(operation, target);
            default:
                return null;
        }
    }

    /// <summary>
    /// The check of the same collection (ContainsKey, Contains, TryGetValue) in the condition of an if or a
    /// conditional that holds <paramref name="change"/>, inside <paramref name="function"/>; null when there is none.
    /// </summary>
    public static IInvocationOperation? CheckBefore(CollectionChange change, IOperation function)
    {
        var path = AccessPath.Of(change.Collection);
        if (path is null)
        {
            return null;
        }

        var child = change.Operation;
        for (var parent = child.Parent; parent is not null && parent != function; child = parent, parent = parent.Parent)
        {
            if (parent is not IConditionalOperation conditional || conditional.Condition == child)
            {
                continue;
            }

            foreach (var part in conditional.Condition.DescendantsAndSelf())
            {
                if (part is IInvocationOperation { Instance: { } instance, TargetMethod.Name: var name } check
                    && Checks.Contains(name) && path.Equals(AccessPath.Of(instance)))
                {
                    return check;
                }
            }
        }

        return null;
    }

    private CollectionChange? Indexer(IOperation operation, IPropertyReferenceOperation target) =>
        target is { Property.IsIndexer: true, Instance: { } instance } && IsCollection(instance.Type)
            ? new CollectionChange(operation, instance, "this[]", isIndexer: true, ImmutableArray.CreateRange(target.Arguments, a => a.Value))
            : null;
}

/// <summary>A change to a collection: the operation, the collection it changes, and how.</summary>
internal sealed class CollectionChange
{
    public CollectionChange(IOperation operation, IOperation collection, string member, bool isIndexer, ImmutableArray<IOperation> indices)
    {
        Operation = operation;
        Collection = collection;
        Member = member;
        IsIndexer = isIndexer;
        Indices = indices;
    }

    public IOperation Operation { get; }

    public IOperation Collection { get; }

    /// <summary>The method's name, or "this[]" for a write through the indexer.</summary>
    public string Member { get; }

    public bool IsIndexer { get; }

    public ImmutableArray<IOperation> Indices { get; }
}
