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

    public RequestHandlers(Compilation compilation)
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

    /// <summary>True when the compilation references ASP.NET Core at all (or the user configured handlers).</summary>
    public bool AnyKnown => _types.HttpContext is not null;

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
    /// The kind of a lambda or method reference passed as the handler of <c>MapGet/MapPost/.../Map</c>, or as inline
    /// middleware to <c>app.Use</c>/<c>app.Run</c>; None otherwise.
    /// </summary>
    public RequestHandlerKind KindOfDelegate(IOperation delegateOperation)
    {
        var current = delegateOperation;
        while (current.Parent is IDelegateCreationOperation or IConversionOperation)
        {
            current = current.Parent;
        }

        if (current.Parent is not IArgumentOperation { Parent: IInvocationOperation registration })
        {
            return RequestHandlerKind.None;
        }

        var type = registration.TargetMethod.ContainingType;
        return WellKnownTypes.Eq(type, _types.EndpointRouteBuilderExtensions) && registration.TargetMethod.Name.StartsWith("Map", StringComparison.Ordinal)
            ? RequestHandlerKind.MinimalApi
            : WellKnownTypes.Eq(type, _types.UseExtensions) || WellKnownTypes.Eq(type, _types.RunExtensions)
                ? RequestHandlerKind.Middleware
                : RequestHandlerKind.None;
    }

    private RequestHandlerKind Classify(IMethodSymbol method)
    {
        var type = method.ContainingType;
        if (type is null || method.IsStatic || method.IsGenericMethod || method.DeclaredAccessibility != Accessibility.Public)
        {
            return RequestHandlerKind.None;
        }

        if (IsController(type) && !HasAttribute(method, _types.NonActionAttribute) && !IsObjectOrDisposeMember(method))
        {
            return RequestHandlerKind.ControllerAction;
        }

        if (WellKnownTypes.Derives(type, _types.PageModel) && IsPageHandlerName(method.Name))
        {
            return RequestHandlerKind.RazorPageHandler;
        }

        if (WellKnownTypes.Derives(type, _types.Hub) && !IsObjectOrDisposeMember(method))
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

        return ImplementsFilter(method) ? RequestHandlerKind.Filter : RequestHandlerKind.None;
    }

    /// <summary>A controller type as MVC finds one: derives from ControllerBase or carries [Controller]/[ApiController].</summary>
    private bool IsController(INamedTypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Class || type.IsAbstract || type.DeclaredAccessibility != Accessibility.Public
            || HasAttribute(type, _types.NonControllerAttribute))
        {
            return false;
        }

        return WellKnownTypes.Derives(type, _types.ControllerBase)
            || HasAttribute(type, _types.ControllerAttribute)
            || HasAttribute(type, _types.ApiControllerAttribute);
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

    /// <summary>Conventional middleware (Invoke/InvokeAsync taking the HttpContext first) or IMiddleware.InvokeAsync.</summary>
    private bool IsMiddlewareInvoke(IMethodSymbol method)
    {
        if (method.Name is not ("Invoke" or "InvokeAsync") || method.Parameters.Length == 0
            || !WellKnownTypes.Eq(method.Parameters[0].Type, _types.HttpContext))
        {
            return false;
        }

        return true;
    }

    /// <summary>An override of a method of a gRPC service base (a type carrying [BindServiceMethod]).</summary>
    private bool IsGrpcServiceMethod(IMethodSymbol method)
    {
        for (var baseType = method.ContainingType.BaseType; baseType is not null; baseType = baseType.BaseType)
        {
            if (HasAttribute(baseType, _types.BindServiceMethodAttribute))
            {
                return true;
            }
        }

        return false;
    }

    private bool ImplementsFilter(IMethodSymbol method)
    {
        foreach (var filter in _filterInterfaces)
        {
            foreach (var member in filter.GetMembers())
            {
                if (WellKnownTypes.Eq(method.ContainingType.FindImplementationForInterfaceMember(member), method))
                {
                    return true;
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
}
