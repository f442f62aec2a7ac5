using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Core;

/// <summary>
/// Code that runs on several threads at once: a body of Parallel.For/ForEach/ForEachAsync/Invoke, a PLINQ
/// delegate, work started with Task.Run, Task.Factory.StartNew, new Thread or ThreadPool.QueueUserWorkItem from a
/// loop or a lambda (so many instances run together), the callback of a periodic timer (<see cref="TimerCallbacks"/>),
/// a request handler lambda of a minimal API or inline middleware (MapGet..., app.Use, app.Run), which runs for every
/// request, or the body of a request handler method (<see cref="HandlerContexts"/>). Named in messages.
/// </summary>
internal sealed class ConcurrentContext
{
    internal ConcurrentContext(IOperation function, IOperation registration, string description, bool isInvoke, string? parameterName = null, bool sharesInstance = true)
    {
        Function = function;
        Registration = registration;
        Description = description;
        IsParallelInvoke = isInvoke;
        ParameterName = parameterName;
        SharesInstance = sharesInstance;
    }

    /// <summary>The parameter the delegate is passed as (body, localInit, localFinally...), when known.</summary>
    public string? ParameterName { get; }

    /// <summary>The lambda or anonymous method, or the body of a request handler method.</summary>
    public IOperation Function { get; }

    /// <summary>The lambda or anonymous method; null for a request handler method.</summary>
    public IAnonymousFunctionOperation? Lambda => Function as IAnonymousFunctionOperation;

    /// <summary>
    /// The call, creation or event subscription the delegate is handed to; for a request handler method, its body.
    /// </summary>
    public IOperation Registration { get; }

    /// <summary>How messages name it: "the body of Parallel.For", "work started in a loop with Task.Run".</summary>
    public string Description { get; }

    /// <summary>Parallel.Invoke runs each action once: a race needs another action touching the same storage.</summary>
    public bool IsParallelInvoke { get; }

    /// <summary>
    /// The fields of <c>this</c> are shared by the concurrent invocations: a lambda captures the one object that made
    /// it, and conventional middleware is one instance for the application; a controller, page model or hub is made
    /// per request, so only what it reaches through statics is shared.
    /// </summary>
    public bool SharesInstance { get; }

    /// <summary>
    /// The concurrent context of the innermost lambda around <paramref name="operation"/>; with
    /// <paramref name="handlers"/>, for an operation directly in the body of <paramref name="member"/>, the request
    /// handler that member is. Null otherwise.
    /// </summary>
    public static ConcurrentContext? Of(IOperation operation, WellKnownTypes types, RequestHandlers? handlers = null, ISymbol? member = null)
    {
        var root = operation;
        for (var current = operation.Parent; current is not null; root = current, current = current.Parent)
        {
            switch (current)
            {
                case IAnonymousFunctionOperation lambda:
                    return ForLambda(lambda, types);
                case ILocalFunctionOperation:
                    return null;
            }
        }

        return handlers is not null && member is IMethodSymbol method ? HandlerContexts.For(root, method, handlers, types) : null;
    }

    private static ConcurrentContext? ForLambda(IAnonymousFunctionOperation lambda, WellKnownTypes types)
    {
        IOperation current = lambda;
        while (current.Parent is IDelegateCreationOperation or IConversionOperation)
        {
            current = current.Parent;
        }

        if (current.Parent is IEventAssignmentOperation subscription)
        {
            return TimerCallbacks.ForElapsed(lambda, subscription, types);
        }

        // Parallel.Invoke(a, b) passes its actions in a params array.
        if (current.Parent is IArrayInitializerOperation { Parent: IArrayCreationOperation array })
        {
            current = array;
        }

        if (current.Parent is not IArgumentOperation { Parent: { } registration } argument)
        {
            return null;
        }

        switch (registration)
        {
            case IInvocationOperation invocation:
                var method = invocation.TargetMethod;
                var type = method.ContainingType;
                if (WellKnownTypes.Eq(type, types.Parallel))
                {
                    return method.Name is "For" or "ForEach" or "ForEachAsync" or "Invoke"
                        ? new ConcurrentContext(lambda, registration, $"the body of Parallel.{method.Name}", method.Name == "Invoke", argument.Parameter?.Name)
                        : null;
                }

                // Aggregate's result selector runs once, on one thread.
                if (WellKnownTypes.Eq(type, types.ParallelEnumerable) && argument.Parameter?.Name is not ("resultSelector" or "finalResultSelector"))
                {
                    return new ConcurrentContext(lambda, registration, $"the PLINQ delegate of {method.Name}", isInvoke: false);
                }

                if (WellKnownTypes.Eq(type, types.ParallelEnumerable))
                {
                    return null;
                }

                // A minimal-API endpoint or inline middleware runs once per request, many requests at a time.
                // (The same registrations RequestHandlers.RegistrationOf recognises.)
                if ((WellKnownTypes.Eq(type, types.EndpointRouteBuilderExtensions) && method.Name.StartsWith("Map", System.StringComparison.Ordinal))
                    || WellKnownTypes.Eq(type, types.UseExtensions) || WellKnownTypes.Eq(type, types.RunExtensions))
                {
                    return new ConcurrentContext(lambda, registration, $"the request handler passed to {method.Name}", isInvoke: false);
                }

                var starts = (method.Name == "Run" && WellKnownTypes.Eq(type, types.Task))
                    || (method.Name == "StartNew" && (WellKnownTypes.Eq(type, types.TaskFactory) || WellKnownTypes.Eq(type.OriginalDefinition, types.TaskFactoryOfT)))
                    || (method.Name is "QueueUserWorkItem" or "UnsafeQueueUserWorkItem" && WellKnownTypes.Eq(type, types.ThreadPool));
                return starts && IsRepeated(registration)
                    ? new ConcurrentContext(lambda, registration, $"work started repeatedly with {type.Name}.{method.Name}", isInvoke: false)
                    : null;
            case IObjectCreationOperation creation when WellKnownTypes.Eq(creation.Type, types.Thread) && IsRepeated(registration):
                return new ConcurrentContext(lambda, registration, "threads started repeatedly", isInvoke: false);
            case IObjectCreationOperation creation when WellKnownTypes.Eq(creation.Type, types.ThreadingTimer) && argument.Parameter?.Name == "callback":
                return TimerCallbacks.ForCallback(lambda, creation, types);
            default:
                return null;
        }
    }

    /// <summary>Task.Run(...).Wait() or Task.Run(...).GetAwaiter().GetResult(): each start is waited for before the next.</summary>
    private static bool IsWaitedAtOnce(IOperation registration) => registration.Parent switch
    {
        IInvocationOperation { TargetMethod.Name: "Wait" } => true,
        IInvocationOperation { TargetMethod.Name: "GetAwaiter", Parent: IInvocationOperation { TargetMethod.Name: "GetResult" } } => true,
        _ => false,
    };

    /// <summary>
    /// Inside a loop or a lambda of the same member: the work is started many times and overlaps (unless each start is
    /// awaited at once, as in foreach (...) await Task.Run(...)).
    /// </summary>
    internal static bool IsRepeated(IOperation registration)
    {
        if (registration.Parent is IAwaitOperation || registration.Parent?.Parent is IAwaitOperation || IsWaitedAtOnce(registration))
        {
            return false;
        }

        for (var current = registration.Parent; current is not null; current = current.Parent)
        {
            if (current is ILoopOperation or IAnonymousFunctionOperation)
            {
                return true;
            }

            if (current is ILocalFunctionOperation)
            {
                return false;
            }
        }

        return false;
    }
}
