using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Core;

/// <summary>The ways code waits synchronously for a task.</summary>
internal enum TaskWaitKind
{
    Result,
    Wait,
    GetResult,
    WaitAll,
    WaitAny,
}

/// <summary>A synchronous wait on a task found in an operation tree.</summary>
internal readonly struct TaskWait
{
    private TaskWait(TaskWaitKind kind, ISymbol member, IOperation? task)
    {
        Kind = kind;
        Member = member;
        Task = task;
    }

    public TaskWaitKind Kind { get; }

    /// <summary>The blocking member: Task&lt;T&gt;.Result, Task.Wait, TaskAwaiter.GetResult, Task.WaitAll...</summary>
    public ISymbol Member { get; }

    /// <summary>The task waited on; null for WaitAll/WaitAny and for awaiters held in a variable.</summary>
    public IOperation? Task { get; }

    public static TaskWait? Match(IOperation operation, WellKnownTypes types)
    {
        switch (operation)
        {
            case IPropertyReferenceOperation { Property: { Name: "Result", IsStatic: false } property, Instance: { } instance }
                when types.IsTaskLike(property.ContainingType):
                return new TaskWait(TaskWaitKind.Result, property, instance);

            case IInvocationOperation invocation:
                var method = invocation.TargetMethod;
                switch (method.Name)
                {
                    case "Wait" when !method.IsStatic && types.IsTaskLike(method.ContainingType):
                        // t.Wait(0) only tests for completion.
                        return invocation.Arguments.Length > 0 && types.IsZeroTimeout(invocation.Arguments[0].Value)
                            ? null
                            : new TaskWait(TaskWaitKind.Wait, method, invocation.Instance);
                    case "GetResult" when !method.IsStatic && types.IsTaskAwaiter(method.ContainingType):
                        var task = invocation.Instance?.WalkDownConversions() is IInvocationOperation { TargetMethod.Name: "GetAwaiter", Instance: { } awaitable }
                            ? awaitable
                            : null;
                        return new TaskWait(TaskWaitKind.GetResult, method, task);
                    case "WaitAll" when method.IsStatic && WellKnownTypes.Eq(method.ContainingType, types.Task):
                        return new TaskWait(TaskWaitKind.WaitAll, method, null);
                    case "WaitAny" when method.IsStatic && WellKnownTypes.Eq(method.ContainingType, types.Task):
                        return new TaskWait(TaskWaitKind.WaitAny, method, null);
                }

                return null;

            default:
                return null;
        }
    }
}
