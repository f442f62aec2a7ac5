using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Core;

/// <summary>
/// The framework types the rules look for, resolved once per compilation. A rule asks for this at compilation start
/// and registers nothing when the types it needs are absent.
/// </summary>
internal sealed class WellKnownTypes
{
    private WellKnownTypes(Compilation compilation)
    {
        Task = Get(compilation, "System.Threading.Tasks.Task");
        TaskOfT = Get(compilation, "System.Threading.Tasks.Task`1");
        ValueTask = Get(compilation, "System.Threading.Tasks.ValueTask");
        ValueTaskOfT = Get(compilation, "System.Threading.Tasks.ValueTask`1");
        AsyncEnumerableOfT = Get(compilation, "System.Collections.Generic.IAsyncEnumerable`1");
        AsyncEnumeratorOfT = Get(compilation, "System.Collections.Generic.IAsyncEnumerator`1");
        TaskAwaiter = Get(compilation, "System.Runtime.CompilerServices.TaskAwaiter");
        TaskAwaiterOfT = Get(compilation, "System.Runtime.CompilerServices.TaskAwaiter`1");
        ValueTaskAwaiter = Get(compilation, "System.Runtime.CompilerServices.ValueTaskAwaiter");
        ValueTaskAwaiterOfT = Get(compilation, "System.Runtime.CompilerServices.ValueTaskAwaiter`1");
        ConfiguredTaskAwaiter = Get(compilation, "System.Runtime.CompilerServices.ConfiguredTaskAwaitable+ConfiguredTaskAwaiter");
        ConfiguredTaskAwaiterOfT = Get(compilation, "System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1+ConfiguredTaskAwaiter");
        ConfiguredValueTaskAwaiter = Get(compilation, "System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable+ConfiguredValueTaskAwaiter");
        ConfiguredValueTaskAwaiterOfT = Get(compilation, "System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable`1+ConfiguredValueTaskAwaiter");
        Thread = Get(compilation, "System.Threading.Thread");
        CancellationToken = Get(compilation, "System.Threading.CancellationToken");
        SemaphoreSlim = Get(compilation, "System.Threading.SemaphoreSlim");
        TimeSpan = Get(compilation, "System.TimeSpan");
        Console = Get(compilation, "System.Console");
        HttpContext = Get(compilation, "Microsoft.AspNetCore.Http.HttpContext");
        ObsoleteAttribute = Get(compilation, "System.ObsoleteAttribute");
        ControllerBase = Get(compilation, "Microsoft.AspNetCore.Mvc.ControllerBase");
        ControllerAttribute = Get(compilation, "Microsoft.AspNetCore.Mvc.ControllerAttribute");
        ApiControllerAttribute = Get(compilation, "Microsoft.AspNetCore.Mvc.ApiControllerAttribute");
        NonControllerAttribute = Get(compilation, "Microsoft.AspNetCore.Mvc.NonControllerAttribute");
        NonActionAttribute = Get(compilation, "Microsoft.AspNetCore.Mvc.NonActionAttribute");
        PageModel = Get(compilation, "Microsoft.AspNetCore.Mvc.RazorPages.PageModel");
        Hub = Get(compilation, "Microsoft.AspNetCore.SignalR.Hub");
        BindServiceMethodAttribute = Get(compilation, "Grpc.Core.BindServiceMethodAttribute");
        EndpointRouteBuilderExtensions = Get(compilation, "Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions");
        UseExtensions = Get(compilation, "Microsoft.AspNetCore.Builder.UseExtensions");
        RunExtensions = Get(compilation, "Microsoft.AspNetCore.Builder.RunExtensions");
        RequestDelegate = Get(compilation, "Microsoft.AspNetCore.Http.RequestDelegate");
        Parallel = Get(compilation, "System.Threading.Tasks.Parallel");
        TransactionScope = Get(compilation, "System.Transactions.TransactionScope");
        ParallelEnumerable = Get(compilation, "System.Linq.ParallelEnumerable");
        TaskFactory = Get(compilation, "System.Threading.Tasks.TaskFactory");
        TaskFactoryOfT = Get(compilation, "System.Threading.Tasks.TaskFactory`1");
        ThreadPool = Get(compilation, "System.Threading.ThreadPool");
        ThreadingTimer = Get(compilation, "System.Threading.Timer");
        TimersTimer = Get(compilation, "System.Timers.Timer");
        Timeout = Get(compilation, "System.Threading.Timeout");
        Interlocked = Get(compilation, "System.Threading.Interlocked");
        ThreadStaticAttribute = Get(compilation, "System.ThreadStaticAttribute");
        Middleware = Get(compilation, "Microsoft.AspNetCore.Http.IMiddleware");
        _compilation = compilation;
        AggregateException = Get(compilation, "System.AggregateException");
        Monitor = Get(compilation, "System.Threading.Monitor");
        ReaderWriterLockSlim = Get(compilation, "System.Threading.ReaderWriterLockSlim");
        Mutex = Get(compilation, "System.Threading.Mutex");
        SpinLock = Get(compilation, "System.Threading.SpinLock");
        SpanOfT = Get(compilation, "System.Span`1");
        ReadOnlySpanOfT = Get(compilation, "System.ReadOnlySpan`1");
        MemoryOfT = Get(compilation, "System.Memory`1");
        ReadOnlyMemoryOfT = Get(compilation, "System.ReadOnlyMemory`1");
        Environment = Get(compilation, "System.Environment");
        ParallelQuery = Get(compilation, "System.Linq.ParallelQuery");
        ParallelOptions = Get(compilation, "System.Threading.Tasks.ParallelOptions");
        ExecutionDataflowBlockOptions = Get(compilation, "System.Threading.Tasks.Dataflow.ExecutionDataflowBlockOptions");
        TaskCreationOptions = Get(compilation, "System.Threading.Tasks.TaskCreationOptions");
        Math = Get(compilation, "System.Math");
        // Cost model: CPU-heavy APIs and collections of known size.
        Enumerable = Get(compilation, "System.Linq.Enumerable");
        Regex = Get(compilation, "System.Text.RegularExpressions.Regex");
        BigInteger = Get(compilation, "System.Numerics.BigInteger");
        Rfc2898DeriveBytes = Get(compilation, "System.Security.Cryptography.Rfc2898DeriveBytes");
        HashAlgorithm = Get(compilation, "System.Security.Cryptography.HashAlgorithm");
        AsymmetricAlgorithm = Get(compilation, "System.Security.Cryptography.AsymmetricAlgorithm");
        GZipStream = Get(compilation, "System.IO.Compression.GZipStream");
        DeflateStream = Get(compilation, "System.IO.Compression.DeflateStream");
        BrotliStream = Get(compilation, "System.IO.Compression.BrotliStream");
        ZLibStream = Get(compilation, "System.IO.Compression.ZLibStream");
        BrotliEncoder = Get(compilation, "System.IO.Compression.BrotliEncoder");
        ZipArchive = Get(compilation, "System.IO.Compression.ZipArchive");
        Array = Get(compilation, "System.Array");
        ListOfT = Get(compilation, "System.Collections.Generic.List`1");
        MemoryExtensions = Get(compilation, "System.MemoryExtensions");
        String = Get(compilation, "System.String");
        // Dependency injection: where a type is registered as a singleton.
        ServiceCollectionServiceExtensions = Get(compilation, "Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions");
        ServiceCollectionDescriptorExtensions = Get(compilation, "Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions");
    }

    public INamedTypeSymbol? Task { get; }
    public INamedTypeSymbol? TaskOfT { get; }
    public INamedTypeSymbol? ValueTask { get; }
    public INamedTypeSymbol? ValueTaskOfT { get; }

    public INamedTypeSymbol? AsyncEnumerableOfT { get; }

    public INamedTypeSymbol? AsyncEnumeratorOfT { get; }

    /// <summary>Whether a method returning <paramref name="type"/> can be an iterator (the only return types C# allows one).</summary>
    public bool IsIteratorReturnType(ITypeSymbol type)
    {
        var definition = type.OriginalDefinition;
        return definition.SpecialType is SpecialType.System_Collections_IEnumerable or SpecialType.System_Collections_Generic_IEnumerable_T
                or SpecialType.System_Collections_IEnumerator or SpecialType.System_Collections_Generic_IEnumerator_T
            || Eq(definition, AsyncEnumerableOfT) || Eq(definition, AsyncEnumeratorOfT);
    }
    public INamedTypeSymbol? TaskAwaiter { get; }
    public INamedTypeSymbol? TaskAwaiterOfT { get; }
    public INamedTypeSymbol? ValueTaskAwaiter { get; }
    public INamedTypeSymbol? ValueTaskAwaiterOfT { get; }
    public INamedTypeSymbol? ConfiguredTaskAwaiter { get; }
    public INamedTypeSymbol? ConfiguredTaskAwaiterOfT { get; }
    public INamedTypeSymbol? ConfiguredValueTaskAwaiter { get; }
    public INamedTypeSymbol? ConfiguredValueTaskAwaiterOfT { get; }
    public INamedTypeSymbol? Thread { get; }
    public INamedTypeSymbol? CancellationToken { get; }
    public INamedTypeSymbol? SemaphoreSlim { get; }
    public INamedTypeSymbol? TimeSpan { get; }
    public INamedTypeSymbol? Console { get; }
    public INamedTypeSymbol? HttpContext { get; }
    public INamedTypeSymbol? ObsoleteAttribute { get; }
    public INamedTypeSymbol? ControllerBase { get; }
    public INamedTypeSymbol? ControllerAttribute { get; }
    public INamedTypeSymbol? ApiControllerAttribute { get; }
    public INamedTypeSymbol? NonControllerAttribute { get; }
    public INamedTypeSymbol? NonActionAttribute { get; }
    public INamedTypeSymbol? PageModel { get; }
    public INamedTypeSymbol? Hub { get; }
    public INamedTypeSymbol? BindServiceMethodAttribute { get; }
    public INamedTypeSymbol? EndpointRouteBuilderExtensions { get; }
    public INamedTypeSymbol? UseExtensions { get; }
    public INamedTypeSymbol? RunExtensions { get; }
    public INamedTypeSymbol? RequestDelegate { get; }
    public INamedTypeSymbol? Parallel { get; }
    public INamedTypeSymbol? TransactionScope { get; }
    public INamedTypeSymbol? ParallelEnumerable { get; }
    public INamedTypeSymbol? TaskFactory { get; }
    public INamedTypeSymbol? TaskFactoryOfT { get; }
    public INamedTypeSymbol? ThreadPool { get; }
    public INamedTypeSymbol? ThreadingTimer { get; }
    public INamedTypeSymbol? TimersTimer { get; }
    public INamedTypeSymbol? Timeout { get; }
    public INamedTypeSymbol? Interlocked { get; }
    public INamedTypeSymbol? ThreadStaticAttribute { get; }
    public INamedTypeSymbol? Middleware { get; }
    public INamedTypeSymbol? AggregateException { get; }
    public INamedTypeSymbol? Monitor { get; }
    public INamedTypeSymbol? ReaderWriterLockSlim { get; }
    public INamedTypeSymbol? Mutex { get; }
    public INamedTypeSymbol? SpinLock { get; }
    public INamedTypeSymbol? SpanOfT { get; }
    public INamedTypeSymbol? ReadOnlySpanOfT { get; }
    public INamedTypeSymbol? MemoryOfT { get; }
    public INamedTypeSymbol? ReadOnlyMemoryOfT { get; }
    public INamedTypeSymbol? Environment { get; }
    public INamedTypeSymbol? ParallelQuery { get; }
    public INamedTypeSymbol? ParallelOptions { get; }
    public INamedTypeSymbol? ExecutionDataflowBlockOptions { get; }
    public INamedTypeSymbol? TaskCreationOptions { get; }
    public INamedTypeSymbol? Math { get; }
    public INamedTypeSymbol? Enumerable { get; }
    public INamedTypeSymbol? Regex { get; }
    public INamedTypeSymbol? BigInteger { get; }
    public INamedTypeSymbol? Rfc2898DeriveBytes { get; }
    public INamedTypeSymbol? HashAlgorithm { get; }
    public INamedTypeSymbol? AsymmetricAlgorithm { get; }
    public INamedTypeSymbol? GZipStream { get; }
    public INamedTypeSymbol? DeflateStream { get; }
    public INamedTypeSymbol? BrotliStream { get; }
    public INamedTypeSymbol? ZLibStream { get; }
    public INamedTypeSymbol? BrotliEncoder { get; }
    public INamedTypeSymbol? ZipArchive { get; }
    public INamedTypeSymbol? Array { get; }
    public INamedTypeSymbol? ListOfT { get; }
    public INamedTypeSymbol? MemoryExtensions { get; }
    public INamedTypeSymbol? String { get; }
    public INamedTypeSymbol? ServiceCollectionServiceExtensions { get; }
    public INamedTypeSymbol? ServiceCollectionDescriptorExtensions { get; }

    /// <summary>True when the compilation has the task types every async rule needs.</summary>
    public bool HasTasks => Task is not null && TaskOfT is not null;

    private static readonly ConditionalWeakTable<Compilation, WellKnownTypes> Cache = new();

    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<string, INamedTypeSymbol?> _resolved = new();

    /// <summary>The types of <paramref name="compilation"/>, resolved once and shared by every rule.</summary>
    public static WellKnownTypes Get(Compilation compilation) => Cache.GetValue(compilation, static c => new WellKnownTypes(c));

    /// <summary>Task, Task&lt;T&gt;, ValueTask or ValueTask&lt;T&gt; (or a type derived from Task).</summary>
    public bool IsTaskLike(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol named)
        {
            return false;
        }

        var definition = named.OriginalDefinition;
        if (Eq(definition, ValueTask) || Eq(definition, ValueTaskOfT))
        {
            return true;
        }

        for (INamedTypeSymbol? current = named; current is not null; current = current.BaseType)
        {
            var currentDefinition = current.OriginalDefinition;
            if (Eq(currentDefinition, Task) || Eq(currentDefinition, TaskOfT))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One of the awaiter types whose GetResult blocks until the task completes.</summary>
    public bool IsTaskAwaiter(ITypeSymbol? type)
    {
        var definition = type?.OriginalDefinition;
        return definition is not null
            && (Eq(definition, TaskAwaiter) || Eq(definition, TaskAwaiterOfT)
                || Eq(definition, ValueTaskAwaiter) || Eq(definition, ValueTaskAwaiterOfT)
                || Eq(definition, ConfiguredTaskAwaiter) || Eq(definition, ConfiguredTaskAwaiterOfT)
                || Eq(definition, ConfiguredValueTaskAwaiter) || Eq(definition, ConfiguredValueTaskAwaiterOfT));
    }

    /// <summary>
    /// A lock released on the thread that took it (Monitor, ReaderWriterLockSlim, Mutex, SpinLock): an await inside
    /// its region would resume on another thread and fail to release it.
    /// </summary>
    public bool IsThreadAffineLock(ITypeSymbol? type) =>
        Eq(type, Monitor) || Eq(type, ReaderWriterLockSlim) || Eq(type, Mutex) || Eq(type, SpinLock);

    /// <summary>Any lock whose region a finally releases: the thread-affine ones and SemaphoreSlim.</summary>
    public bool IsLock(ITypeSymbol? type) => IsThreadAffineLock(type) || Eq(type, SemaphoreSlim);

    /// <summary>A constant 0 or <c>TimeSpan.Zero</c>: a timeout that does not wait.</summary>
    public bool IsZeroTimeout(IOperation value) =>
        value.ConstantValue is { HasValue: true, Value: 0 }
        || (value is IFieldReferenceOperation { Field: { Name: "Zero", IsStatic: true } field } && Eq(field.ContainingType, TimeSpan));

    /// <summary>A type named in configuration (a metadata name), resolved once per compilation.</summary>
    public INamedTypeSymbol? Resolve(string metadataName) =>
        _resolved.TryGetValue(metadataName, out var type) ? type : _resolved.GetOrAdd(metadataName, Get(_compilation, metadataName));

    /// <summary>True when <paramref name="type"/> is <paramref name="baseType"/> or derives from it.</summary>
    public static bool Derives(ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        if (baseType is null)
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (Eq(current.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }

    public static bool Eq(ISymbol? a, ISymbol? b) => a is not null && SymbolEqualityComparer.Default.Equals(a, b);

#pragma warning disable RS0030 // The one place allowed to resolve types by metadata name.
    private static INamedTypeSymbol? Get(Compilation compilation, string metadataName) =>
        compilation.GetTypeByMetadataName(metadataName);
#pragma warning restore RS0030
}
