using Microsoft.CodeAnalysis;

namespace ConcurrencyAnalyzers.Core;

/// <summary>
/// Request handler methods as concurrent contexts: concurrent requests run a controller action, a Razor Page handler,
/// a SignalR hub method or a middleware's Invoke at the same time. Controllers, page models and hubs are made per
/// request, and an IMiddleware is made by a factory whose lifetime is not known here, so only storage reached through
/// statics is shared; conventional middleware (constructed with the next RequestDelegate) is one instance for the
/// application, so its own fields are shared too.
/// </summary>
internal static class HandlerContexts
{
    /// <summary>The context of an operation directly in the body (<paramref name="root"/>) of <paramref name="method"/>, or null.</summary>
    public static ConcurrentContext? For(IOperation root, IMethodSymbol method, RequestHandlers handlers, WellKnownTypes types)
    {
        var kind = handlers.KindOf(method, ConfiguredHandlers.None);
        var what = kind switch
        {
            RequestHandlerKind.ControllerAction => "controller action",
            RequestHandlerKind.RazorPageHandler => "Razor Page handler",
            RequestHandlerKind.HubMethod => "hub method",
            RequestHandlerKind.Middleware => "middleware",
            _ => null,
        };
        if (what is null)
        {
            return null;
        }

        var sharesInstance = kind == RequestHandlerKind.Middleware && !IsFactoryActivated(method.ContainingType, types);
        return new ConcurrentContext(root, root, $"the {what} {method.ContainingType.Name}.{method.Name}", isInvoke: false, sharesInstance: sharesInstance);
    }

    /// <summary>UseMiddleware asks the IMiddlewareFactory (per request by default) for a type that implements IMiddleware.</summary>
    private static bool IsFactoryActivated(INamedTypeSymbol type, WellKnownTypes types)
    {
        foreach (var @interface in type.AllInterfaces)
        {
            if (WellKnownTypes.Eq(@interface, types.Middleware))
            {
                return true;
            }
        }

        return false;
    }
}
