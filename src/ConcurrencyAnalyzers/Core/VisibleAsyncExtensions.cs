using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace ConcurrencyAnalyzers.Core;

/// <summary>
/// The extension methods named <c>...Async</c> that a call site can see: those of the static classes in its containing
/// namespaces and in the namespaces and types its usings import. The twin finder reduces them against the receiver
/// itself, so it asks the semantic model for a lookup (costly) only for C# 14 extension blocks, which this API version
/// cannot reduce.
/// </summary>
/// <remarks>
/// Only the imported namespaces are read, never every namespace of every reference: a project sees thousands of types,
/// its files import a few dozen namespaces, and the files of one namespace with the same usings share one answer.
/// Each assembly's part of a namespace is read on its own (merging a namespace's members across all references costs
/// more than reading the parts) and kept per namespace symbol, which the compilations of one project share; the parts'
/// candidates are merged once per namespace and compilation.
/// </remarks>
internal sealed class VisibleAsyncExtensions
{
    private static readonly ConditionalWeakTable<INamespaceOrTypeSymbol, Candidates> PerContainer = new();

    // The candidates of the namespaces (and using static types) a scope sees, then each name's answer in that scope.
    private readonly ConcurrentDictionary<int, List<Candidates>> _perScope = new();
    private readonly ConcurrentDictionary<(int Scope, string SyncName), Visible> _perName = new();
    private readonly ConcurrentDictionary<INamespaceSymbol, Candidates> _perNamespace = new(SymbolEqualityComparer.Default);

    // Scopes that see the same extension methods of a name share one answer, so its twins are worked out once.
    private readonly ConcurrentDictionary<Visible, Visible> _distinct = new();
    private int _lastId;

    /// <summary>
    /// The extension methods named <paramref name="syncName"/> plus <c>Async</c> visible at <paramref name="position"/>,
    /// and whether an extension block declares a member of that name; <paramref name="scopeId"/> identifies the
    /// namespaces and usings around the position.
    /// </summary>
    public Visible Find(string syncName, SemanticModel model, int position, int scopeId)
    {
        if (_perName.TryGetValue((scopeId, syncName), out var visible))
        {
            return visible;
        }

        if (!_perScope.TryGetValue(scopeId, out var parts))
        {
            parts = _perScope.GetOrAdd(scopeId, Collect(model, position));
        }

        var name = syncName + "Async";
        var methods = new List<IMethodSymbol>();
        var inExtensionBlock = false;
        foreach (var part in parts)
        {
            if (part.Methods.TryGetValue(name, out var found))
            {
                methods.AddRange(found);
            }

            inExtensionBlock |= part.BlockMemberNames.Contains(name);
        }

        var answer = new Visible(methods, inExtensionBlock);
        if (!answer.IsEmpty)
        {
            // Extension blocks are found by a lookup at the call, and a private extension method is accessible only in
            // its own class: those answers depend on where the call is, and get no id.
            answer = answer.InExtensionBlock || HasPrivate(methods)
                ? answer
                : _distinct.TryGetValue(answer, out var known) ? known : _distinct.GetOrAdd(answer, answer.WithId(NextId()));
        }

        return _perName.GetOrAdd((scopeId, syncName), answer);
    }

    private int NextId() => System.Threading.Interlocked.Increment(ref _lastId);

    private static bool HasPrivate(List<IMethodSymbol> methods)
    {
        foreach (var method in methods)
        {
            if (method.DeclaredAccessibility == Accessibility.Private)
            {
                return true;
            }
        }

        return false;
    }

    private List<Candidates> Collect(SemanticModel model, int position)
    {
        var parts = new List<Candidates>();
        var seen = new HashSet<INamespaceOrTypeSymbol>(SymbolEqualityComparer.Default);
        for (var ns = model.GetEnclosingSymbol(position)?.ContainingNamespace; ns is not null; ns = ns.ContainingNamespace)
        {
            AddNamespace(ns, parts, seen);
        }

        // Every level of usings, from the innermost namespace block out to the file and the project's global usings.
        foreach (var scope in model.GetImportScopes(position))
        {
            foreach (var import in scope.Imports)
            {
                switch (import.NamespaceOrType)
                {
                    case INamespaceSymbol ns:
                        AddNamespace(ns, parts, seen);
                        break;
                    case INamedTypeSymbol type when seen.Add(type):
                        // using static: the type's own extension methods.
                        Add(PerContainer.GetValue(type, static t => Read((INamedTypeSymbol)t)), parts);
                        break;
                }
            }
        }

        return parts;
    }

    private void AddNamespace(INamespaceSymbol ns, List<Candidates> parts, HashSet<INamespaceOrTypeSymbol> seen)
    {
        if (seen.Add(ns))
        {
            Add(_perNamespace.TryGetValue(ns, out var merged) ? merged : _perNamespace.GetOrAdd(ns, Merge(ns)), parts);
        }
    }

    /// <summary>A namespace's candidates across the assemblies that declare part of it (a few of its many parts have any).</summary>
    private static Candidates Merge(INamespaceSymbol ns)
    {
        var merged = new Candidates();
        foreach (var part in ns.ConstituentNamespaces)
        {
            if (part.ContainingAssembly is not { } assembly || assembly.MightContainExtensionMethods || !part.DeclaringSyntaxReferences.IsEmpty)
            {
                merged.UnionWith(PerContainer.GetValue(part, static p => Read((INamespaceSymbol)p)));
            }
        }

        return merged;
    }

    private static void Add(Candidates candidates, List<Candidates> parts)
    {
        if (candidates.Methods.Count > 0 || candidates.BlockMemberNames.Count > 0)
        {
            parts.Add(candidates);
        }
    }

    /// <summary>A namespace's extension methods are in its top-level static classes; nested namespaces need their own using.</summary>
    private static Candidates Read(INamespaceSymbol ns)
    {
        var candidates = new Candidates();
        foreach (var type in ns.GetTypeMembers())
        {
            ReadInto(type, candidates);
        }

        return candidates;
    }

    private static Candidates Read(INamedTypeSymbol type)
    {
        var candidates = new Candidates();
        ReadInto(type, candidates);
        return candidates;
    }

    private static void ReadInto(INamedTypeSymbol type, Candidates candidates)
    {
        if (type.MightContainExtensionMethods)
        {
            foreach (var memberName in type.MemberNames)
            {
                if (IsAsyncName(memberName))
                {
                    foreach (var member in type.GetMembers(memberName))
                    {
                        if (member is IMethodSymbol { IsExtensionMethod: true } method)
                        {
                            candidates.Add(memberName, method);
                        }
                    }
                }
            }
        }

        // C# 14 extension blocks are types nested in the static class; compiled ones also leave their methods on it.
        if (type.IsStatic && !type.DeclaringSyntaxReferences.IsEmpty)
        {
            foreach (var nested in type.GetTypeMembers())
            {
                foreach (var memberName in nested.MemberNames)
                {
                    if (IsAsyncName(memberName))
                    {
                        candidates.BlockMemberNames.Add(memberName);
                    }
                }
            }
        }
    }

    /// <summary>
    /// The extension methods of one name visible in one scope. Answers with the same methods are equal, and scopes
    /// with equal answers share one <see cref="Id"/> (from 1) that stands for it in cache keys; an answer whose twins
    /// depend on where the call is has none (0).
    /// </summary>
    public sealed class Visible : IEquatable<Visible>
    {
        private readonly int _hash;

        public Visible(IReadOnlyList<IMethodSymbol> methods, bool inExtensionBlock, int id = 0)
        {
            Methods = methods;
            InExtensionBlock = inExtensionBlock;
            Id = id;
            var hash = inExtensionBlock ? 1 : 0;
            foreach (var method in methods)
            {
                hash = (hash * 31) + SymbolEqualityComparer.Default.GetHashCode(method);
            }

            _hash = hash;
        }

        public IReadOnlyList<IMethodSymbol> Methods { get; }

        /// <summary>An extension block declares a member of the name (found only by a lookup).</summary>
        public bool InExtensionBlock { get; }

        public bool IsEmpty => Methods.Count == 0 && !InExtensionBlock;

        public int Id { get; }

        /// <summary>Whether the twins these methods give can be cached: they do not depend on where the call is.</summary>
        public bool IsShared => Id != 0;

        public Visible WithId(int id) => new(Methods, InExtensionBlock, id);

        public bool Equals(Visible? other)
        {
            if (other is null || other._hash != _hash || other.InExtensionBlock != InExtensionBlock || other.Methods.Count != Methods.Count)
            {
                return false;
            }

            for (var i = 0; i < Methods.Count; i++)
            {
                if (!SymbolEqualityComparer.Default.Equals(Methods[i], other.Methods[i]))
                {
                    return false;
                }
            }

            return true;
        }

        public override bool Equals(object? obj) => Equals(obj as Visible);

        public override int GetHashCode() => _hash;
    }

    private static bool IsAsyncName(string name) => name.EndsWith("Async", StringComparison.Ordinal);

    private sealed class Candidates
    {
        public Dictionary<string, List<IMethodSymbol>> Methods { get; } = new(StringComparer.Ordinal);

        public HashSet<string> BlockMemberNames { get; } = new(StringComparer.Ordinal);

        public void Add(string name, IMethodSymbol method)
        {
            if (!Methods.TryGetValue(name, out var list))
            {
                Methods[name] = list = new List<IMethodSymbol>();
            }

            list.Add(method);
        }

        public void UnionWith(Candidates other)
        {
            foreach (var pair in other.Methods)
            {
                foreach (var method in pair.Value)
                {
                    Add(pair.Key, method);
                }
            }

            BlockMemberNames.UnionWith(other.BlockMemberNames);
        }
    }
}
