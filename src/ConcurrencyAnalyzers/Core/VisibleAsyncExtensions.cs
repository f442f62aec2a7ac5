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
/// Each assembly's part of a namespace is read on its own (merging a namespace across all references costs more than
/// reading it), and referenced assemblies' parts are kept per namespace symbol, which the compilations of one project
/// share.
/// </remarks>
internal sealed class VisibleAsyncExtensions
{
    private static readonly ConditionalWeakTable<INamespaceOrTypeSymbol, Candidates> PerContainer = new();

    private readonly ConcurrentDictionary<int, Candidates> _perScope = new();

    /// <summary>
    /// The extension methods named <paramref name="name"/> visible at <paramref name="position"/>, and whether an
    /// extension block declares a member of that name; <paramref name="scopeId"/> identifies the namespaces and usings
    /// around the position.
    /// </summary>
    public (IReadOnlyList<IMethodSymbol> Methods, bool InExtensionBlock) Find(string name, SemanticModel model, int position, int scopeId)
    {
        if (!_perScope.TryGetValue(scopeId, out var candidates))
        {
            candidates = _perScope.GetOrAdd(scopeId, Collect(model, position));
        }

        IReadOnlyList<IMethodSymbol> methods = candidates.Methods.TryGetValue(name, out var found) ? found : Array.Empty<IMethodSymbol>();
        return (methods, candidates.BlockMemberNames.Contains(name));
    }

    private static Candidates Collect(SemanticModel model, int position)
    {
        var candidates = new Candidates();
        var seen = new HashSet<INamespaceOrTypeSymbol>(SymbolEqualityComparer.Default);
        for (var ns = model.GetEnclosingSymbol(position)?.ContainingNamespace; ns is not null; ns = ns.ContainingNamespace)
        {
            AddNamespace(ns, candidates, seen);
        }

        // Every level of usings, from the innermost namespace block out to the file and the project's global usings.
        foreach (var scope in model.GetImportScopes(position))
        {
            foreach (var import in scope.Imports)
            {
                switch (import.NamespaceOrType)
                {
                    case INamespaceSymbol ns:
                        AddNamespace(ns, candidates, seen);
                        break;
                    case INamedTypeSymbol type when seen.Add(type):
                        // using static: the type's own extension methods.
                        candidates.UnionWith(PerContainer.GetValue(type, static t => Read((INamedTypeSymbol)t)));
                        break;
                }
            }
        }

        return candidates;
    }

    private static void AddNamespace(INamespaceSymbol ns, Candidates candidates, HashSet<INamespaceOrTypeSymbol> seen)
    {
        foreach (var part in ns.ConstituentNamespaces)
        {
            if (seen.Add(part) && (part.ContainingAssembly is not { } assembly || assembly.MightContainExtensionMethods || !part.DeclaringSyntaxReferences.IsEmpty))
            {
                candidates.UnionWith(PerContainer.GetValue(part, static p => Read((INamespaceSymbol)p)));
            }
        }
    }

    /// <summary>A namespace's extension methods are in its top-level static classes; nested namespaces need their own using.</summary>
    private static Candidates Read(INamespaceSymbol ns)
    {
        var candidates = new Candidates();
        foreach (var type in ns.GetTypeMembers())
        {
            candidates.UnionWith(Read(type));
        }

        return candidates;
    }

    private static Candidates Read(INamedTypeSymbol type)
    {
        var candidates = new Candidates();
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

        return candidates;
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
