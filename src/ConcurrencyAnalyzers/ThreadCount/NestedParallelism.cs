using ConcurrencyAnalyzers.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.ThreadCount;

/// <summary>What CONC0404 and its fix agree on: which calls start a parallel loop, and which bodies already run in parallel.</summary>
internal static class NestedParallelism
{
    /// <summary>"Parallel.For", "Parallel.ForEach" or "AsParallel" when the invocation starts a parallel loop; null otherwise.</summary>
    public static string? InnerLoopName(IInvocationOperation invocation, WellKnownTypes types)
    {
        var method = invocation.TargetMethod;
        var type = method.ContainingType;
        if (WellKnownTypes.Eq(type, types.Parallel) && method.Name is "For" or "ForEach")
        {
            return "Parallel." + method.Name;
        }

        return WellKnownTypes.Eq(type, types.ParallelEnumerable) && method.Name == "AsParallel" ? "AsParallel" : null;
    }

    /// <summary>
    /// The parallel loop whose body the operation is directly in (the innermost lambda around it): the body of
    /// Parallel.For/ForEach, or a PLINQ delegate. Parallel.Invoke (a fixed handful of actions, the shape of recursive
    /// divide and conquer), Parallel.ForEachAsync (usually I/O-bound) and work started with Task.Run or threads are not
    /// parallel loops here.
    /// </summary>
    public static ConcurrentContext? OuterLoop(IOperation operation, WellKnownTypes types)
    {
        if (ConcurrentContext.Of(operation, types) is not { Registration: IInvocationOperation registration } outer)
        {
            return null;
        }

        var method = registration.TargetMethod;
        if (WellKnownTypes.Eq(method.ContainingType, types.Parallel))
        {
            return method.Name is "For" or "ForEach" && outer.ParameterName == "body" ? outer : null;
        }

        return WellKnownTypes.Eq(method.ContainingType, types.ParallelEnumerable) ? outer : null;
    }
}
