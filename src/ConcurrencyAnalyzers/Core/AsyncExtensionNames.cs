using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace ConcurrencyAnalyzers.Core;

/// <summary>
/// The names ending in <c>Async</c> of every extension method a compilation can see, so the twin finder asks the
/// semantic model for extension methods in scope (a costly lookup) only when one of that name exists at all. Most
/// calls (<c>Where</c>, <c>Append</c>, <c>ToString</c>) have no <c>...Async</c> extension anywhere.
/// </summary>
internal sealed class AsyncExtensionNames
{
    // Referenced assemblies are shared by the compilations of one project (each keystroke makes a new one), so their
    // names are kept per assembly symbol.
    private static readonly ConditionalWeakTable<IAssemblySymbol, HashSet<string>> PerAssembly = new();

    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<string, bool> _answers = new(StringComparer.Ordinal);
    private HashSet<string>? _referenced;

    public AsyncExtensionNames(Compilation compilation) => _compilation = compilation;

    /// <summary>
    /// False only when no extension method named <paramref name="name"/> exists in a referenced assembly and no member
    /// of that name is declared in source (source is checked by name only, which errs on the side of looking).
    /// </summary>
    public bool MayExist(string name)
    {
        // Asked once per call site; the source check walks the declarations, so each name is answered once.
        if (_answers.TryGetValue(name, out var answer))
        {
            return answer;
        }

        var referenced = LazyInitializer.EnsureInitialized(ref _referenced, CollectReferenced)!;
        answer = referenced.Contains(name) || _compilation.ContainsSymbolsWithName(name, SymbolFilter.Member);
        return _answers.GetOrAdd(name, answer);
    }

    private HashSet<string> CollectReferenced()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var assembly in _compilation.SourceModule.ReferencedAssemblySymbols)
        {
            names.UnionWith(PerAssembly.GetValue(assembly, Collect));
        }

        return names;
    }

    private static HashSet<string> Collect(IAssemblySymbol assembly)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (!assembly.MightContainExtensionMethods)
        {
            return names;
        }

        // Extension methods live in top-level static classes, so namespaces and their types are all there is to read.
        var namespaces = new Stack<INamespaceSymbol>();
        namespaces.Push(assembly.GlobalNamespace);
        while (namespaces.Count > 0)
        {
            var current = namespaces.Pop();
            foreach (var child in current.GetNamespaceMembers())
            {
                namespaces.Push(child);
            }

            foreach (var type in current.GetTypeMembers())
            {
                if (!type.MightContainExtensionMethods)
                {
                    continue;
                }

                foreach (var memberName in type.MemberNames)
                {
                    if (memberName.EndsWith("Async", StringComparison.Ordinal))
                    {
                        names.Add(memberName);
                    }
                }
            }
        }

        return names;
    }
}
