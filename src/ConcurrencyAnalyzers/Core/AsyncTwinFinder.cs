using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace ConcurrencyAnalyzers.Core;

/// <summary>
/// Finds the async counterpart of a synchronous call semantically: a method of the receiver's type (or an extension
/// method in scope) named like the call plus <c>Async</c>, with the same parameters and an optional trailing
/// <see cref="System.Threading.CancellationToken"/>, returning an awaitable of the call's result type.
/// </summary>
internal sealed class AsyncTwinFinder
{
    /// <summary>Extra members never to report, as documentation ids (T:Type, M:Type.Method), comma separated.</summary>
    public const string ExcludedSymbolsOption = "CONC0103.excluded_symbols";

    /// <summary>Members whose async twin is not a real asynchronous equivalent, or that cannot block.</summary>
    public static readonly ImmutableArray<string> BuiltInExclusions = ImmutableArray.Create(
        // In-memory streams, readers and writers: the async forms complete synchronously.
        "T:System.IO.MemoryStream",
        "T:System.IO.UnmanagedMemoryStream",
        "T:System.IO.StringReader",
        "T:System.IO.StringWriter",
        "T:System.Text.StringBuilder",
        "T:System.Buffers.ArrayBufferWriter`1",
        // XmlReader/XmlWriter's async members throw unless their settings were created with Async = true.
        "T:System.Xml.XmlReader",
        "T:System.Xml.XmlWriter",
        // Cancel runs registrations; CancelAsync only moves them to another thread.
        "T:System.Threading.CancellationTokenSource",
        // Tasks are waited on under CONC0101.
        "T:System.Threading.Tasks.Task",
        "T:System.Threading.Tasks.ValueTask",
        // EF Core: AddAsync exists only for special value generators; Add does no I/O.
        "M:Microsoft.EntityFrameworkCore.DbContext.Add",
        "M:Microsoft.EntityFrameworkCore.DbContext.AddRange",
        "M:Microsoft.EntityFrameworkCore.DbSet`1.Add",
        "M:Microsoft.EntityFrameworkCore.DbSet`1.AddRange",
        // Dispose only stops the timer; DisposeAsync also waits for running callbacks, which changes behaviour.
        "M:System.Threading.Timer.Dispose",
        // A host's Run blocks for the application's lifetime by design.
        "M:Microsoft.AspNetCore.Builder.WebApplication.Run",
        "M:Microsoft.Extensions.Hosting.HostingAbstractionsHostExtensions.Run",
        // Column getters read the buffered row unless the reader uses SequentialAccess.
        "M:System.Data.Common.DbDataReader.GetFieldValue",
        "M:System.Data.Common.DbDataReader.IsDBNull");

    private readonly WellKnownTypes _types;

    // Twin lookups repeat for every call of the same method on the same receiver type. Member candidates depend on
    // nothing else; the extension methods in scope also depend on the usings of the enclosing namespace block or file.
    private readonly ConcurrentDictionary<LookupKey, AsyncTwin?> _extensionTwins = new();
    private readonly ConcurrentDictionary<LookupKey, ImmutableArray<IMethodSymbol>> _memberCandidates = new();
    private readonly ConcurrentDictionary<SyntaxNode, int> _importScopes = new();
    private readonly ConcurrentDictionary<string, int> _importScopeIds = new(StringComparer.Ordinal);
    private int _lastImportScopeId;

    private readonly VisibleAsyncExtensions _extensions = new();

    public AsyncTwinFinder(WellKnownTypes types)
    {
        _types = types;
    }

    /// <summary>The async twin of the call, or null when there is none worth suggesting.</summary>
    public AsyncTwin? Find(IInvocationOperation invocation, EnclosingFunction function, SymbolExclusions exclusions) =>
        FindTwin(invocation) is { } twin && IsWorthSuggesting(invocation, twin, function, exclusions) ? twin : null;

    /// <summary>
    /// The twin by signature alone, cached per method and receiver type: most calls have none, and this answers
    /// them without allocating.
    /// </summary>
    public AsyncTwin? FindTwin(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method.MethodKind != MethodKind.Ordinary
            || method.RefKind != RefKind.None // ref returns are assigned through; an awaited value cannot be
            || IsAwaitable(method.ReturnType)
            || method.Name.EndsWith("Async", StringComparison.Ordinal))
        {
            return null;
        }

        var receiver = invocation.Receiver();
        return FindMember(invocation, receiver) ?? FindExtension(invocation, receiver);
    }

    /// <summary>
    /// Whether a found twin is a real suggestion here: not excluded, not a call that cannot block, not on an
    /// in-memory receiver, and not the method being written (or one that calls back into it).
    /// </summary>
    public bool IsWorthSuggesting(IInvocationOperation invocation, AsyncTwin twin, EnclosingFunction function, SymbolExclusions exclusions)
    {
        var method = invocation.TargetMethod;
        if (exclusions.IsExcludedMethod(method) || exclusions.IsExcludedType(method.ContainingType) || CannotBlock(invocation))
        {
            return false;
        }

        var receiver = invocation.Receiver();
        if (receiver is not null && (!method.IsStatic || method.IsExtensionMethod) && IsInMemory(receiver, exclusions))
        {
            return false;
        }

        return !SuggestsItself(twin, invocation, receiver, function);
    }

    private AsyncTwin? FindMember(IInvocationOperation invocation, IOperation? receiver)
    {
        var method = invocation.TargetMethod;
        if (method.IsExtensionMethod)
        {
            return null;
        }

        var start = !method.IsStatic && receiver?.WalkDownConversions().Type is INamedTypeSymbol receiverType ? receiverType : method.ContainingType;
        var key = new LookupKey(method, start, extensions: 0);
        if (!_memberCandidates.TryGetValue(key, out var candidates))
        {
            candidates = MemberCandidates(method, start);
            _memberCandidates.TryAdd(key, candidates);
        }

        if (candidates.IsEmpty)
        {
            return null;
        }

        // Accessibility depends on where the call is, so it is checked per call.
        var model = invocation.SemanticModel;
        var twin = default(AsyncTwin);
        foreach (var candidate in candidates)
        {
            if (model is null || model.IsAccessible(invocation.Syntax.SpanStart, candidate))
            {
                twin = Consider(twin, method, method.Parameters, candidate);
            }
        }

        return twin.IsEmpty ? null : twin;
    }

    /// <summary>Methods named like the call plus Async, static like it, with a compatible shape, in search order.</summary>
    private ImmutableArray<IMethodSymbol> MemberCandidates(IMethodSymbol method, ITypeSymbol start)
    {
        var twinName = method.Name + "Async";
        var candidates = ImmutableArray.CreateBuilder<IMethodSymbol>();
        foreach (var type in SearchOrder(start))
        {
            foreach (var member in type.GetMembers(twinName))
            {
                if (member is IMethodSymbol candidate && candidate.IsStatic == method.IsStatic
                    && !Consider(default, method, method.Parameters, candidate).IsEmpty)
                {
                    candidates.Add(candidate);
                }
            }
        }

        return candidates.ToImmutable();
    }

    /// <summary>The type and its base types; for an interface, the interfaces it extends too.</summary>
    private static IEnumerable<ITypeSymbol> SearchOrder(ITypeSymbol start)
    {
        for (var type = start; type is not null; type = type.BaseType)
        {
            yield return type;
        }

        if (start.TypeKind == TypeKind.Interface)
        {
            foreach (var baseInterface in start.AllInterfaces)
            {
                yield return baseInterface;
            }
        }
    }

    private AsyncTwin? FindExtension(IInvocationOperation invocation, IOperation? receiver)
    {
        var method = invocation.TargetMethod;
        var model = invocation.SemanticModel;
        if (model is null || receiver?.WalkDownConversions().Type is not { } receiverType || (method.IsStatic && !method.IsExtensionMethod))
        {
            return null;
        }

        var scope = ImportScopeOf(invocation.Syntax);
        var position = invocation.Syntax.SpanStart;
        var visible = _extensions.Find(method.Name, model, position, scope);
        if (visible.IsEmpty)
        {
            return null;
        }

        // Keyed by the extension methods seen, not by the scope: scopes that see the same ones share the answer.
        var key = new LookupKey(method, receiverType, visible.Id);
        if (visible.IsShared && _extensionTwins.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var parameters = method.IsExtensionMethod ? method.Parameters.RemoveAt(0) : method.Parameters;
        var twin = default(AsyncTwin);
        foreach (var candidate in visible.Methods)
        {
            if (candidate.ReduceExtensionMethod(receiverType) is { } reduced && model.IsAccessible(position, candidate))
            {
                twin = Consider(twin, method, parameters, reduced);
            }
        }

        if (visible.InExtensionBlock)
        {
            // Members of extension blocks are only found by a lookup.
            foreach (var symbol in model.LookupSymbols(position, container: receiverType, name: method.Name + "Async", includeReducedExtensionMethods: true))
            {
                if (symbol is IMethodSymbol { MethodKind: MethodKind.ReducedExtension } candidate)
                {
                    twin = Consider(twin, method, parameters, candidate);
                }
            }
        }

        AsyncTwin? result = twin.IsEmpty ? null : twin;
        if (visible.IsShared)
        {
            _extensionTwins.TryAdd(key, result);
        }

        return result;
    }

    /// <summary>
    /// Which extension methods a lookup sees depends only on the containing namespaces and on the extern aliases and
    /// using directives around the call (global usings are the same everywhere). Files of one namespace usually share
    /// them, so their source text (namespace names and directives, from the file down) keys the cache across files.
    /// Equal text means equal directives; text that differs only in spacing or comments merely misses the cache.
    /// </summary>
    private int ImportScopeOf(SyntaxNode node)
    {
        var scope = node.FirstAncestorOrSelf<SyntaxNode>(static n => n is BaseNamespaceDeclarationSyntax) ?? node.SyntaxTree.GetRoot();
        if (_importScopes.TryGetValue(scope, out var id))
        {
            return id;
        }

        // Innermost level first, each opened by '{'.
        var source = scope.SyntaxTree.GetText();
        var text = new System.Text.StringBuilder();
        for (var current = scope; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case BaseNamespaceDeclarationSyntax ns:
                    AppendLevel(text, source, ns.Name.Span, ns.Externs, ns.Usings);
                    break;
                case CompilationUnitSyntax unit:
                    AppendLevel(text, source, name: default, unit.Externs, unit.Usings);
                    break;
            }
        }

        // Numbered from 1 (0 is "no scope"), so lookup keys compare and hash an int, not the text.
        id = _importScopeIds.GetOrAdd(text.ToString(), _ => System.Threading.Interlocked.Increment(ref _lastImportScopeId));
        return _importScopes.GetOrAdd(scope, id);
    }

    private static void AppendLevel(
        System.Text.StringBuilder text, SourceText source, TextSpan name, SyntaxList<ExternAliasDirectiveSyntax> externs, SyntaxList<UsingDirectiveSyntax> usings)
    {
        text.Append('{');
        Append(text, source, name);
        foreach (var directive in externs)
        {
            Append(text, source, directive.Span);
        }

        foreach (var directive in usings)
        {
            Append(text, source, directive.Span);
        }
    }

    /// <summary>Length-prefixed, so no comment inside a directive can make two different lists read the same.</summary>
    private static void Append(System.Text.StringBuilder text, SourceText source, TextSpan span) =>
        text.Append(span.Length).Append(':').Append(source.ToString(span));

    /// <summary>Keeps the first compatible candidate of each shape: same parameters, or plus a trailing token.</summary>
    private AsyncTwin Consider(AsyncTwin twin, IMethodSymbol sync, ImmutableArray<IParameterSymbol> syncParameters, IMethodSymbol candidate)
    {
        // Deserialize<Settings>(stream) pairs with DeserializeAsync<TValue> constructed with the same type arguments.
        if (candidate.IsGenericMethod && candidate.TypeArguments.Length == sync.TypeArguments.Length
            && SymbolEqualityComparer.Default.Equals(candidate, candidate.ConstructedFrom) && !sync.TypeArguments.IsEmpty)
        {
            candidate = candidate.Construct(sync.TypeArguments.ToArray());
        }

        var syncReturn = sync.ReturnType;
        if (IsObsolete(candidate) || !ReturnsAwaitableOf(candidate.ReturnType, syncReturn) || !SameParameters(syncParameters, candidate.Parameters))
        {
            return twin;
        }

        var count = syncParameters.Length;
        if (candidate.Parameters.Length == count)
        {
            return twin.Plain is null ? new AsyncTwin(candidate, twin.WithToken) : twin;
        }

        return candidate.Parameters.Length == count + 1 && IsCancellationToken(candidate.Parameters[count].Type) && twin.WithToken is null
            ? new AsyncTwin(twin.Plain, candidate)
            : twin;
    }

    /// <summary>
    /// The sync parameters, in order, are the leading parameters of the async candidate; a span in the sync form
    /// pairs with the memory type of the async form (Stream.Read(Span&lt;byte&gt;) / ReadAsync(Memory&lt;byte&gt;)).
    /// </summary>
    private bool SameParameters(ImmutableArray<IParameterSymbol> syncParameters, ImmutableArray<IParameterSymbol> asyncParameters)
    {
        var count = syncParameters.Length;
        if (asyncParameters.Length < count)
        {
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            if (syncParameters[i].RefKind != asyncParameters[i].RefKind
                || syncParameters[i].IsParams != asyncParameters[i].IsParams
                || !(TypeShape.Same(syncParameters[i].Type, asyncParameters[i].Type) || IsSpanOfMemory(syncParameters[i].Type, asyncParameters[i].Type)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>void → Task or ValueTask; T → Task&lt;T&gt; or ValueTask&lt;T&gt;.</summary>
    private bool ReturnsAwaitableOf(ITypeSymbol asyncReturn, ITypeSymbol syncReturn)
    {
        if (asyncReturn is not INamedTypeSymbol named)
        {
            return false;
        }

        var definition = named.OriginalDefinition;
        if (syncReturn.SpecialType == SpecialType.System_Void)
        {
            return WellKnownTypes.Eq(definition, _types.Task) || WellKnownTypes.Eq(definition, _types.ValueTask);
        }

        return (WellKnownTypes.Eq(definition, _types.TaskOfT) || WellKnownTypes.Eq(definition, _types.ValueTaskOfT))
            && TypeShape.Same(named.TypeArguments[0], syncReturn);
    }

    private bool IsSpanOfMemory(ITypeSymbol span, ITypeSymbol memory)
    {
        if (span is not INamedTypeSymbol { TypeArguments.Length: 1 } spanType || memory is not INamedTypeSymbol { TypeArguments.Length: 1 } memoryType
            || !TypeShape.Same(spanType.TypeArguments[0], memoryType.TypeArguments[0]))
        {
            return false;
        }

        var spanDefinition = spanType.OriginalDefinition;
        var memoryDefinition = memoryType.OriginalDefinition;
        return (WellKnownTypes.Eq(spanDefinition, _types.SpanOfT) && WellKnownTypes.Eq(memoryDefinition, _types.MemoryOfT))
            || (WellKnownTypes.Eq(spanDefinition, _types.ReadOnlySpanOfT) && WellKnownTypes.Eq(memoryDefinition, _types.ReadOnlyMemoryOfT));
    }

    private bool IsAwaitable(ITypeSymbol type) => _types.IsTaskLike(type);

    private bool IsCancellationToken(ITypeSymbol type) => WellKnownTypes.Eq(type, _types.CancellationToken);

    /// <summary>SemaphoreSlim.Wait(0) and Wait(TimeSpan.Zero) only test the semaphore.</summary>
    private bool CannotBlock(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (!WellKnownTypes.Eq(method.ContainingType, _types.SemaphoreSlim) || invocation.Arguments.Length == 0)
        {
            return false;
        }

        return _types.IsZeroTimeout(invocation.Arguments[0].Value);
    }

    /// <summary>
    /// A receiver that is an in-memory type, Console.Out/Error (whose async writes are synchronous), or a local
    /// initialized with a wrapper over an in-memory stream (<c>new StreamWriter(memoryStream)</c>).
    /// </summary>
    private bool IsInMemory(IOperation receiver, SymbolExclusions exclusions)
    {
        receiver = receiver.WalkDownConversions();
        if (exclusions.IsExcludedType(receiver.Type))
        {
            return true;
        }

        if (receiver is IPropertyReferenceOperation { Property: { IsStatic: true } property }
            && WellKnownTypes.Eq(property.ContainingType, _types.Console))
        {
            return true;
        }

        if (receiver is ILocalReferenceOperation local)
        {
            return local.Local.InitializerOf(receiver) is IObjectCreationOperation creation
                && WrapsInMemory(creation, exclusions);
        }

        return receiver is IObjectCreationOperation created && WrapsInMemory(created, exclusions);
    }

    private static bool WrapsInMemory(IObjectCreationOperation creation, SymbolExclusions exclusions)
    {
        foreach (var argument in creation.Arguments)
        {
            var value = argument.Value.WalkDownConversions();
            if (exclusions.IsExcludedType(value.Type))
            {
                return true;
            }

            if (value is ILocalReferenceOperation inner
                && inner.Local.InitializerOf(value)?.Type is { } innerType
                && exclusions.IsExcludedType(innerType))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Never suggest the method being written, nor an overload of it (one usually calls the other): a static call,
    /// or a call on this/base, whose twin is the enclosing function, the enclosing member, or what they override.
    /// A call on another receiver (a wrapped stream inside a Stream override) is a real suggestion.
    /// </summary>
    private static bool SuggestsItself(AsyncTwin twin, IInvocationOperation invocation, IOperation? receiver, EnclosingFunction function)
    {
        if (!invocation.TargetMethod.IsStatic && receiver?.WalkDownConversions() is not (null or IInstanceReferenceOperation))
        {
            return false;
        }

        var member = function.Member as IMethodSymbol;
        return IsEnclosing(twin.Plain, function.Symbol) || IsEnclosing(twin.WithToken, function.Symbol)
            || IsEnclosing(twin.Plain, member) || IsEnclosing(twin.WithToken, member)
            || CallsBack(twin.Plain, member) || CallsBack(twin.WithToken, member);
    }

    /// <summary>
    /// A twin written in this compilation that calls the enclosing method (LoadAsync => LoadCoreAsync(ct), where
    /// LoadCoreAsync calls Load()) would make the fix recurse. Checked on the twin's syntax, one call deep, by name:
    /// it only ever withholds a report.
    /// </summary>
    private static bool CallsBack(IMethodSymbol? twin, IMethodSymbol? enclosing)
    {
        if (twin is null || enclosing is null)
        {
            return false;
        }

        foreach (var reference in (twin.ReducedFrom ?? twin).OriginalDefinition.DeclaringSyntaxReferences)
        {
            foreach (var node in reference.GetSyntax().DescendantNodes())
            {
                if (node is InvocationExpressionSyntax invocation && CalledName(invocation.Expression) == enclosing.Name)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static string? CalledName(ExpressionSyntax expression) => expression switch
    {
        MemberAccessExpressionSyntax memberAccess => memberAccess.Name.Identifier.ValueText,
        SimpleNameSyntax name => name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>True when <paramref name="twin"/> is the enclosing method or a method it overrides.</summary>
    private static bool IsEnclosing(IMethodSymbol? twin, IMethodSymbol? enclosing)
    {
        if (twin is null)
        {
            return false;
        }

        var target = (twin.ReducedFrom ?? twin).OriginalDefinition;
        for (var current = enclosing; current is not null; current = current.OverriddenMethod)
        {
            if (WellKnownTypes.Eq(current.OriginalDefinition, target))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsObsolete(IMethodSymbol twin)
    {
        foreach (var attribute in twin.GetAttributes())
        {
            if (WellKnownTypes.Eq(attribute.AttributeClass, _types.ObsoleteAttribute))
            {
                return true;
            }
        }

        return false;
    }

    private readonly struct LookupKey : IEquatable<LookupKey>
    {
        private readonly IMethodSymbol _method;
        private readonly ITypeSymbol _receiverType;
        private readonly int _extensions;
        private readonly int _hash;

        /// <param name="extensions">The <see cref="VisibleAsyncExtensions.Visible.Id"/> of the extension methods seen; 0 for members.</param>
        public LookupKey(IMethodSymbol method, ITypeSymbol receiverType, int extensions)
        {
            _method = method;
            _receiverType = receiverType;
            _extensions = extensions;
            // Symbol hashes walk constructed types; the key is hashed for each lookup and each insertion, so once here.
            _hash = (((SymbolEqualityComparer.Default.GetHashCode(method) * 31) + SymbolEqualityComparer.Default.GetHashCode(receiverType)) * 31) + extensions;
        }

        public bool Equals(LookupKey other) =>
            _hash == other._hash
            && _extensions == other._extensions
            && SymbolEqualityComparer.Default.Equals(_method, other._method)
            && SymbolEqualityComparer.Default.Equals(_receiverType, other._receiverType);

        public override bool Equals(object? obj) => obj is LookupKey other && Equals(other);

        public override int GetHashCode() => _hash;
    }
}
