using System.Collections.Concurrent;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Core;

/// <summary>
/// Decides whether a task is already complete where it is waited on, so that reading <c>.Result</c> cannot block:
/// it was awaited before (directly, through <c>WaitAsync</c>, or through an awaited <c>Task.WhenAll</c> of it or of
/// a collection it was added to), it came out of <c>await Task.WhenAny</c>, its completion state was checked (also
/// in a pattern), or it was made complete (<c>Task.FromResult</c>, <c>Task.CompletedTask</c>).
/// The evidence of a function is gathered in one walk and shared by every wait in it (see <see cref="Cache"/>).
/// </summary>
internal static class CompletedTaskProof
{
    /// <summary>Evidence per function, for the waits of one operation block.</summary>
    internal sealed class Cache
    {
        private readonly CancellationToken _cancellationToken;

        // Made on the first wait that needs evidence: most blocks have none.
        private ConcurrentDictionary<IOperation, FunctionEvidence>? _functions;

        /// <param name="cancellationToken">The token of the analysis the cache serves; the evidence walks check it.</param>
        public Cache(CancellationToken cancellationToken) => _cancellationToken = cancellationToken;

        public FunctionEvidence For(IOperation functionRoot, WellKnownTypes types)
        {
            var functions = LazyInitializer.EnsureInitialized(ref _functions, () => new ConcurrentDictionary<IOperation, FunctionEvidence>())!;
            return functions.TryGetValue(functionRoot, out var evidence)
                ? evidence
                : functions.GetOrAdd(functionRoot, FunctionEvidence.Collect(functionRoot, types, _cancellationToken));
        }
    }

    public static bool IsProvenComplete(IOperation taskOperation, EnclosingFunction function, WellKnownTypes types, Cache cache)
    {
        var task = StripAwaitAdapters(taskOperation.WalkDownConversions(), types);
        if (IsCompletedByConstruction(task, types) || IsCheckedByEnclosingPattern(task, types))
        {
            return true;
        }

        var evidence = cache.For(function.Root, types);
        var position = taskOperation.Syntax.SpanStart;
        return AccessPath.Of(task) is { } path
            ? evidence.ProvesComplete(path, position) || (evidence.ForEachSource(task) is { } source && evidence.ProvesComplete(source, position))
            : ElementSource(task) is { } collection && evidence.ProvesComplete(collection, position);
    }

    /// <summary><c>t.ConfigureAwait(false)</c> or <c>t.WaitAsync(timeout)</c> → <c>t</c>: awaiting either completes t.</summary>
    public static IOperation StripAwaitAdapters(IOperation operation, WellKnownTypes types)
    {
        while (operation is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" or "WaitAsync", Instance: { } instance }
               && types.IsTaskLike(instance.Type))
        {
            operation = instance.WalkDownConversions();
        }

        return operation;
    }

    public static bool IsWhenAny(IOperation operation, WellKnownTypes types) =>
        StripAwaitAdapters(operation.WalkDownConversions(), types) is IInvocationOperation { TargetMethod: { IsStatic: true, Name: "WhenAny" } method }
        && WellKnownTypes.Eq(method.ContainingType, types.Task);

    public static bool IsCompletionStateProperty(ISymbol? member, WellKnownTypes types) =>
        member is IPropertySymbol { Name: "IsCompleted" or "IsCompletedSuccessfully" or "IsFaulted" or "IsCanceled" or "Status" } property
        && types.IsTaskLike(property.ContainingType);

    private static bool IsCompletedByConstruction(IOperation task, WellKnownTypes types)
    {
        switch (task)
        {
            case IAwaitOperation awaited:
                // (await Task.WhenAny(...)).Result
                return IsWhenAny(awaited.Operation, types);
            case IInvocationOperation invocation:
                var method = invocation.TargetMethod;
                return method.IsStatic
                    && WellKnownTypes.Eq(method.ContainingType, types.Task)
                    && method.Name is "FromResult" or "FromException" or "FromCanceled";
            case IPropertyReferenceOperation property:
                return property.Property.IsStatic
                    && WellKnownTypes.Eq(property.Property.ContainingType, types.Task)
                    && property.Property.Name == "CompletedTask";
            default:
                return false;
        }
    }

    /// <summary><c>t is { IsCompletedSuccessfully: true, Result: var r }</c>: Result read in the pattern that checked completion.</summary>
    private static bool IsCheckedByEnclosingPattern(IOperation task, WellKnownTypes types) =>
        task is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.PatternInput }
        && task.Parent?.Parent is IPropertySubpatternOperation { Parent: IRecursivePatternOperation pattern }
        && ChecksCompletion(pattern, types);

    internal static bool ChecksCompletion(IRecursivePatternOperation pattern, WellKnownTypes types)
    {
        foreach (var subpattern in pattern.PropertySubpatterns)
        {
            if (subpattern.Member is IPropertyReferenceOperation { Property: var property } && IsCompletionStateProperty(property, types))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The collection an element was taken from: tasks[i], list[i], tasks.First().</summary>
    private static AccessPath? ElementSource(IOperation task) => task switch
    {
        IArrayElementReferenceOperation element => AccessPath.Of(element.ArrayReference),
        IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } instance } => AccessPath.Of(instance),
        IInvocationOperation { TargetMethod.IsExtensionMethod: true, Arguments.Length: > 0 } invocation => AccessPath.Of(invocation.Arguments[0].Value),
        _ => null,
    };
}
