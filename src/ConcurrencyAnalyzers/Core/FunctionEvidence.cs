using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Core;

/// <summary>
/// What one function's own body proves about its tasks, gathered in a single walk: where each place was awaited,
/// had its completion state checked, or was written; which collections tasks were added to; what each foreach
/// variable iterates. Positions are source positions: evidence counts when it comes before the wait.
/// </summary>
internal sealed class FunctionEvidence
{
    private readonly List<(int Position, AccessPath Path)> _completions = new();
    private readonly List<(int Position, AccessPath Path)> _writes = new();
    private readonly List<(int Position, AccessPath Collection, AccessPath Item)> _additions = new();
    private readonly List<(int Position, IOperation Awaited)> _whenAlls = new();
    private readonly Dictionary<ILocalSymbol, AccessPath> _foreachSources = new(SymbolEqualityComparer.Default);

    private FunctionEvidence()
    {
    }

    public static FunctionEvidence Collect(IOperation functionRoot, WellKnownTypes types, CancellationToken cancellationToken)
    {
        var evidence = new FunctionEvidence();
        FunctionWalker.ForEachOwnOperation(functionRoot, cancellationToken, operation =>
        {
            evidence.Visit(operation, types);
            return true;
        });
        return evidence;
    }

    /// <summary>The collection a foreach variable iterates, for <c>foreach (var t in tasks) t.Result</c>.</summary>
    public AccessPath? ForEachSource(IOperation task) =>
        task is ILocalReferenceOperation local && _foreachSources.TryGetValue(local.Local, out var source) ? source : null;

    /// <summary>True when some evidence before <paramref name="position"/> proves the place complete, with no write since.</summary>
    public bool ProvesComplete(AccessPath path, int position)
    {
        var lastWrite = -1;
        foreach (var (writePosition, target) in _writes)
        {
            if (writePosition < position && writePosition > lastWrite && target.IsPrefixOf(path))
            {
                lastWrite = writePosition;
            }
        }

        foreach (var (evidencePosition, completed) in _completions)
        {
            if (evidencePosition < position && evidencePosition > lastWrite && completed.Equals(path))
            {
                return true;
            }
        }

        foreach (var (awaitPosition, whenAll) in _whenAlls)
        {
            if (awaitPosition < position && awaitPosition > lastWrite && WhenAllCovers(whenAll, path, awaitPosition))
            {
                return true;
            }
        }

        return false;
    }

    private void Visit(IOperation operation, WellKnownTypes types)
    {
        var position = operation.Syntax.SpanStart;
        switch (operation)
        {
            case IAwaitOperation awaitOperation:
                VisitAwait(awaitOperation, position, types);
                break;
            case ISimpleAssignmentOperation assignment when AccessPath.Of(assignment.Target) is { } target:
                // t = await Task.WhenAny(...) makes t complete; any other write forgets what was proven.
                if (assignment.Value.WalkDownConversions() is IAwaitOperation assigned && CompletedTaskProof.IsWhenAny(assigned.Operation, types))
                {
                    _completions.Add((position, target));
                }
                else
                {
                    _writes.Add((position, target));
                }

                break;
            case IVariableDeclaratorOperation { Initializer.Value: { } initial } declarator
                when initial.WalkDownConversions() is IAwaitOperation awaitedInitial && CompletedTaskProof.IsWhenAny(awaitedInitial.Operation, types):
                _completions.Add((position, AccessPath.For(declarator.Symbol)));
                break;
            case IPropertyReferenceOperation { Instance: { } instance } property
                when CompletedTaskProof.IsCompletionStateProperty(property.Property, types) && AccessPath.Of(instance) is { } checkedPath:
                _completions.Add((position, checkedPath));
                break;
            case IRecursivePatternOperation pattern when CompletedTaskProof.ChecksCompletion(pattern, types):
                // t is { IsCompleted: true } and vt is { IsCompletedSuccessfully: true } done
                if (pattern.DeclaredSymbol is ILocalSymbol declared)
                {
                    _completions.Add((position, AccessPath.For(declared)));
                }

                if (pattern.Parent is IIsPatternOperation { Value: { } tested } && AccessPath.Of(tested) is { } testedPath)
                {
                    _completions.Add((position, testedPath));
                }

                break;
            case IForEachLoopOperation loop when AccessPath.Of(loop.Collection) is { } collection:
                foreach (var local in loop.Locals)
                {
                    _foreachSources[local] = collection;
                }

                break;
            case IInvocationOperation { Instance: { } instance } invocation
                when !invocation.TargetMethod.IsStatic && AccessPath.Of(instance) is { } receiver:
                // tasks.Add(price): awaiting Task.WhenAll(tasks) later completes price.
                foreach (var argument in invocation.Arguments)
                {
                    if (types.IsTaskLike(argument.Value.WalkDownConversions().Type) && AccessPath.Of(argument.Value) is { } item)
                    {
                        _additions.Add((position, receiver, item));
                    }
                }

                break;
        }
    }

    private void VisitAwait(IAwaitOperation awaitOperation, int position, WellKnownTypes types)
    {
        var awaited = CompletedTaskProof.StripAwaitAdapters(awaitOperation.Operation.WalkDownConversions(), types);
        if (AccessPath.Of(awaited) is { } path)
        {
            _completions.Add((position, path));

            // var all = Task.WhenAll(a, b); await all;
            if (awaited is ILocalReferenceOperation local && local.Local.InitializerOf(awaited) is { } initializer)
            {
                awaited = CompletedTaskProof.StripAwaitAdapters(initializer, types);
            }
        }

        if (awaited is IInvocationOperation { TargetMethod: { IsStatic: true, Name: "WhenAll" } whenAll }
            && WellKnownTypes.Eq(whenAll.ContainingType, types.Task))
        {
            _whenAlls.Add((position, awaited));
        }
    }

    /// <summary>
    /// Whatever shape carries the tasks: a params array or span, an array or collection expression, the collection
    /// itself or a view of it (dictionary.Values), or a collection the task was added to before.
    /// </summary>
    private bool WhenAllCovers(IOperation whenAll, AccessPath path, int awaitPosition)
    {
        foreach (var part in whenAll.Descendants())
        {
            if (AccessPath.Of(part) is not { } named)
            {
                continue;
            }

            if (named.Equals(path))
            {
                return true;
            }

            foreach (var (addPosition, collection, item) in _additions)
            {
                if (addPosition < awaitPosition && item.Equals(path) && collection.Equals(named))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
