using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Core;

/// <summary>The kinds of code ASP.NET Core runs to serve a request.</summary>
internal enum RequestHandlerKind
{
    None,
    ControllerAction,
    RazorPageHandler,
    Middleware,
    HubMethod,
    GrpcMethod,
    Filter,
    MinimalApi,
    Configured,
}

/// <summary>
/// Recognises request handlers semantically, per compilation: controller actions, Razor Page handlers, conventional
/// and <c>IMiddleware</c> middleware, SignalR hub methods, gRPC service overrides, MVC filter methods, minimal-API
/// and inline-middleware delegates, and methods of user-configured attributes or base types.
/// </summary>
internal sealed class RequestHandlers
{
    /// <summary>More attributes that mark handler methods or their types, as metadata names, comma separated.</summary>
    public const string HandlerAttributesOption = "CONC0104.handler_attributes";

    /// <summary>More base types whose public methods are handlers, as metadata names, comma separated.</summary>
    public const string HandlerBaseTypesOption = "CONC0104.handler_base_types";

    private static readonly ImmutableArray<string> FilterInterfaces = ImmutableArray.Create(
        "Microsoft.AspNetCore.Mvc.Filters.IActionFilter",
        "Microsoft.AspNetCore.Mvc.Filters.IResultFilter",
        "Microsoft.AspNetCore.Mvc.Filters.IAuthorizationFilter",
        "Microsoft.AspNetCore.Mvc.Filters.IResourceFilter",
        "Microsoft.AspNetCore.Mvc.Filters.IExceptionFilter");

    private readonly WellKnownTypes _types;
    private readonly ImmutableArray<INamedTypeSymbol> _filterInterfaces;
    private readonly ConcurrentDictionary<IMethodSymbol, RequestHandlerKind> _methods = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<INamedTypeSymbol, TypeTraits> _typeTraits = new(SymbolEqualityComparer.Default);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, RequestHandlers> Cache = new();

    /// <summary>The handlers of a compilation, shared by every rule so each method is classified once.</summary>
    public static RequestHandlers Get(Compilation compilation) => Cache.GetValue(compilation, static c => new RequestHandlers(c));

    private RequestHandlers(Compilation compilation)
    {
        _types = WellKnownTypes.Get(compilation);
        var filters = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
        foreach (var name in FilterInterfaces)
        {
            if (_types.Resolve(name) is { } filter)
            {
                filters.Add(filter);
            }
        }

        _filterInterfaces = filters.ToImmutable();
    }

    /// <summary>The handlers the shared-state rules treat as concurrent contexts, or null without ASP.NET Core.</summary>
    public static RequestHandlers? ForSharedState(Compilation compilation, WellKnownTypes types) =>
        types.HttpContext is null ? null : Get(compilation);

    /// <summary>True when the compilation references ASP.NET Core.</summary>
    public bool ReferencesAspNetCore => _types.HttpContext is not null;

    /// <summary>What kind of handler a method is, given the configured attributes and base types.</summary>
    public RequestHandlerKind KindOf(IMethodSymbol method, ConfiguredHandlers configured)
    {
        if (method.MethodKind != MethodKind.Ordinary || method.IsStatic)
        {
            return RequestHandlerKind.None;
        }

        if (!_methods.TryGetValue(method.OriginalDefinition, out var kind))
        {
            kind = Classify(method.OriginalDefinition);
            _methods.TryAdd(method.OriginalDefinition, kind);
        }

        return kind != RequestHandlerKind.None ? kind : IsConfigured(method, configured) ? RequestHandlerKind.Configured : RequestHandlerKind.None;
    }

    /// <summary>
    /// The <c>MapGet/MapPost/.../Map</c> call that registers a lambda or method reference as an endpoint handler, or the
    /// <c>app.Use</c>/<c>app.Run</c> call that registers it as inline middleware; null otherwise.
    /// </summary>
    public IInvocationOperation? RegistrationOf(IOperation delegateOperation)
    {
        var current = delegateOperation;
        while (current.Parent is IDelegateCreationOperation or IConversionOperation)
        {
            current = current.Parent;
        }

        if (current.Parent is not IArgumentOperation { Parent: IInvocationOperation registration })
        {
            return null;
        }

        var type = registration.TargetMethod.ContainingType;
        var isEndpoint = WellKnownTypes.Eq(type, _types.EndpointRouteBuilderExtensions)
            && registration.TargetMethod.Name.StartsWith("Map", StringComparison.Ordinal);
        return isEndpoint || WellKnownTypes.Eq(type, _types.UseExtensions) || WellKnownTypes.Eq(type, _types.RunExtensions)
            ? registration
            : null;
    }

    /// <summary>The registration of a local function passed by name (app.MapGet("/", Handle)) in the same member body.</summary>
    public IInvocationOperation? RegistrationOf(IMethodSymbol localFunction, IOperation insideMember)
    {
        var root = insideMember;
        while (root.Parent is { } parent)
        {
            root = parent;
        }

        foreach (var operation in root.Descendants())
        {
            if (operation is IMethodReferenceOperation reference
                && WellKnownTypes.Eq(reference.Method, localFunction)
                && RegistrationOf(reference) is { } registration)
            {
                return registration;
            }
        }

        return null;
    }

    private RequestHandlerKind Classify(IMethodSymbol method)
    {
        var type = method.ContainingType;
        if (type is null || method.IsStatic || method.IsGenericMethod || method.DeclaredAccessibility != Accessibility.Public)
        {
            return RequestHandlerKind.None;
        }

        var traits = TraitsOf(type);
        if ((traits & TypeTraits.Controller) != 0 && !IsNonAction(method) && !IsObjectOrDisposeMember(method))
        {
            return RequestHandlerKind.ControllerAction;
        }

        if ((traits & TypeTraits.PageModel) != 0 && IsPageHandlerName(method.Name))
        {
            return RequestHandlerKind.RazorPageHandler;
        }

        if ((traits & TypeTraits.Hub) != 0 && !IsObjectOrDisposeMember(method))
        {
            return RequestHandlerKind.HubMethod;
        }

        if (IsMiddlewareInvoke(method))
        {
            return RequestHandlerKind.Middleware;
        }

        if (method.IsOverride && IsGrpcServiceMethod(method))
        {
            return RequestHandlerKind.GrpcMethod;
        }

        return (traits & TypeTraits.Filter) != 0 && ImplementsFilter(method) ? RequestHandlerKind.Filter : RequestHandlerKind.None;
    }

    /// <summary>What the type of a method is, worked out once per type: its public methods are classified one by one.</summary>
    private TypeTraits TraitsOf(INamedTypeSymbol type)
    {
        if (_typeTraits.TryGetValue(type, out var traits))
        {
            return traits;
        }

        traits = (IsController(type) ? TypeTraits.Controller : 0)
            | (WellKnownTypes.Derives(type, _types.PageModel) ? TypeTraits.PageModel : 0)
            | (WellKnownTypes.Derives(type, _types.Hub) ? TypeTraits.Hub : 0)
            | (ImplementsAnyFilter(type) ? TypeTraits.Filter : 0);
        return _typeTraits.GetOrAdd(type, traits);
    }

    private bool ImplementsAnyFilter(INamedTypeSymbol type)
    {
        foreach (var @interface in type.AllInterfaces)
        {
            foreach (var filter in _filterInterfaces)
            {
                if (WellKnownTypes.Eq(@interface.OriginalDefinition, filter))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>[NonAction] on the method or on any method it overrides (MVC reads it inherited: Controller.OnActionExecuting).</summary>
    private bool IsNonAction(IMethodSymbol method)
    {
        for (var current = method; current is not null; current = current.OverriddenMethod)
        {
            if (HasAttribute(current, _types.NonActionAttribute))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A controller type as MVC finds one: derives from ControllerBase or carries [Controller]/[ApiController]. An
    /// abstract one counts too: its public methods are the actions of the controllers that derive from it.
    /// </summary>
    private bool IsController(INamedTypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Class || type.DeclaredAccessibility != Accessibility.Public
            || HasAttribute(type, _types.NonControllerAttribute))
        {
            return false;
        }

        // MVC also discovers plain public classes by the Controller suffix (POCO controllers), where MVC is referenced.
        return WellKnownTypes.Derives(type, _types.ControllerBase)
            || HasAttribute(type, _types.ControllerAttribute)
            || HasAttribute(type, _types.ApiControllerAttribute)
            || (_types.ControllerBase is not null && !type.IsAbstract && type.Name.EndsWith("Controller", StringComparison.Ordinal));
    }

    /// <summary>Razor Pages handlers: On{Verb}[Name][Async], the names the framework binds to HTTP methods.</summary>
    private static bool IsPageHandlerName(string name)
    {
        foreach (var verb in new[] { "OnGet", "OnPost", "OnPut", "OnDelete", "OnPatch", "OnHead", "OnOptions" })
        {
            if (name.StartsWith(verb, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Middleware: Invoke/InvokeAsync taking the HttpContext first, on a type that is constructed with the next
    /// RequestDelegate (conventional middleware) or implements IMiddleware.
    /// </summary>
    private bool IsMiddlewareInvoke(IMethodSymbol method)
    {
        if (method.Name is not ("Invoke" or "InvokeAsync") || method.Parameters.Length == 0
            || !WellKnownTypes.Eq(method.Parameters[0].Type, _types.HttpContext))
        {
            return false;
        }

        var type = method.ContainingType;
        foreach (var @interface in type.AllInterfaces)
        {
            if (WellKnownTypes.Eq(@interface, _types.Middleware))
            {
                return true;
            }
        }

        foreach (var constructor in type.InstanceConstructors)
        {
            foreach (var parameter in constructor.Parameters)
            {
                if (WellKnownTypes.Eq(parameter.Type, _types.RequestDelegate))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>An override of a method declared by a gRPC service base (a type carrying [BindServiceMethod]).</summary>
    private bool IsGrpcServiceMethod(IMethodSymbol method)
    {
        for (var overridden = method.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
        {
            if (HasAttribute(overridden.ContainingType, _types.BindServiceMethodAttribute))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A filter interface method, implemented directly or by overriding a base that implements it (ActionFilterAttribute).</summary>
    private bool ImplementsFilter(IMethodSymbol method)
    {
        foreach (var filter in _filterInterfaces)
        {
            foreach (var member in filter.GetMembers())
            {
                if (method.ContainingType.FindImplementationForInterfaceMember(member) is not IMethodSymbol implementation)
                {
                    continue;
                }

                for (var current = method; current is not null; current = current.OverriddenMethod)
                {
                    if (WellKnownTypes.Eq(implementation.OriginalDefinition, current.OriginalDefinition))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static bool IsObjectOrDisposeMember(IMethodSymbol method) =>
        method.Name == "Dispose" || (method.IsOverride && method.Name is "ToString" or "GetHashCode" or "Equals");

    /// <summary>A public method carrying a configured attribute, or declared in a type that does or that derives from a configured base.</summary>
    private static bool IsConfigured(IMethodSymbol method, ConfiguredHandlers configured)
    {
        if (configured.IsEmpty || method.DeclaredAccessibility != Accessibility.Public)
        {
            return false;
        }

        foreach (var attribute in method.GetAttributes())
        {
            if (configured.IsAttribute(attribute.AttributeClass))
            {
                return true;
            }
        }

        foreach (var @interface in method.ContainingType.AllInterfaces)
        {
            if (configured.IsBaseType(@interface))
            {
                return true;
            }
        }

        for (var type = method.ContainingType; type is not null; type = type.BaseType)
        {
            if (configured.IsBaseType(type))
            {
                return true;
            }

            foreach (var attribute in type.GetAttributes())
            {
                if (configured.IsAttribute(attribute.AttributeClass))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attributeType)
    {
        if (attributeType is null)
        {
            return false;
        }

        foreach (var attribute in symbol.GetAttributes())
        {
            if (WellKnownTypes.Derives(attribute.AttributeClass, attributeType))
            {
                return true;
            }
        }

        // [Controller] and [ApiController] are inherited.
        return symbol is INamedTypeSymbol { BaseType: { } baseType } && HasAttribute(baseType, attributeType);
    }

    /// <summary>What a type is to the handler rules.</summary>
    [Flags]
    private enum TypeTraits
    {
        None = 0,
        Controller = 1,
        PageModel = 2,
        Hub = 4,
        Filter = 8,
    }
}
