using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Core;

/// <summary>
/// Timer callbacks that run on pool threads and overlap: the callback of a periodic System.Threading.Timer (a tick
/// comes due while the last one still runs), and a System.Timers.Timer Elapsed handler. A one-shot Timer (period
/// Timeout.Infinite) runs its callback once, so it races with itself only when timers are started repeatedly. A
/// PeriodicTimer is awaited in a loop, one tick after the other, and is no concurrent context.
/// </summary>
internal static class TimerCallbacks
{
    /// <summary>The callback passed to <c>new System.Threading.Timer(callback, state, due, period)</c>.</summary>
    public static ConcurrentContext? ForCallback(IAnonymousFunctionOperation lambda, IObjectCreationOperation creation, WellKnownTypes types)
    {
        if (!IsOneShot(creation, types))
        {
            return new ConcurrentContext(lambda, creation, "the callback of a periodic Timer", isInvoke: false);
        }

        return ConcurrentContext.IsRepeated(creation)
            ? new ConcurrentContext(lambda, creation, "one-shot timers started repeatedly", isInvoke: false)
            : null;
    }

    /// <summary>A handler added to the Elapsed event of a System.Timers.Timer.</summary>
    public static ConcurrentContext? ForElapsed(IAnonymousFunctionOperation lambda, IEventAssignmentOperation subscription, WellKnownTypes types) =>
        subscription is { Adds: true, EventReference: IEventReferenceOperation { Event: { Name: "Elapsed" } elapsed } } && WellKnownTypes.Eq(elapsed.ContainingType, types.TimersTimer)
            ? new ConcurrentContext(lambda, subscription, "the Elapsed handler of a System.Timers.Timer", isInvoke: false)
            : null;

    /// <summary>
    /// The period is a constant -1 (Timeout.Infinite, uint.MaxValue for the uint overload) or
    /// Timeout.InfiniteTimeSpan. A period that is not known (a variable, the one-argument constructor that Change starts
    /// later) counts as periodic.
    /// </summary>
    private static bool IsOneShot(IObjectCreationOperation creation, WellKnownTypes types)
    {
        foreach (var argument in creation.Arguments)
        {
            if (argument.Parameter?.Name != "period")
            {
                continue;
            }

            var value = argument.Value.WalkDownConversions();
            if (value is IFieldReferenceOperation { Field: { Name: "InfiniteTimeSpan", IsStatic: true } field })
            {
                return WellKnownTypes.Eq(field.ContainingType, types.Timeout);
            }

            return argument.Value.ConstantValue is { HasValue: true, Value: var constant }
                && constant is -1 or -1L or uint.MaxValue;
        }

        return false;
    }
}
