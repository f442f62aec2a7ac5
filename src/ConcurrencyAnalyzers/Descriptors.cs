using Microsoft.CodeAnalysis;

namespace ConcurrencyAnalyzers;

/// <summary>Every descriptor, built by one factory so category, help link and tags are never wrong.</summary>
public static class Descriptors
{
    public const string Category = "Concurrency";

    public const string HelpLinkBase = "https://github.com/concurrency-analyzers/concurrency-analyzers/blob/main/docs/rules/";

    public static readonly DiagnosticDescriptor CONC0101SyncOverAsync = Create(
        DiagnosticIds.SyncOverAsync,
        title: "Do not block on tasks in async code",
        messageFormat: "'{0}' blocks the thread until the task completes; {1}",
        DiagnosticSeverity.Warning,
        description: "Waiting synchronously on a task inside async code holds a thread that could run other work, " +
                     "can deadlock under a single-threaded synchronization context, and starves the thread pool under load.");

    public static readonly DiagnosticDescriptor CONC0102ThreadSleepInAsync = Create(
        DiagnosticIds.ThreadSleepInAsync,
        title: "Do not call Thread.Sleep in async code",
        messageFormat: "'Thread.Sleep' blocks the thread for the whole delay; use 'await Task.Delay' instead",
        DiagnosticSeverity.Warning,
        description: "Thread.Sleep inside async code holds a thread for the whole delay; Task.Delay releases it until the time is up.");

    public static readonly DiagnosticDescriptor CONC0103UseAsyncTwin = Create(
        DiagnosticIds.UseAsyncTwin,
        title: "Call the async counterpart of a blocking member in async code",
        messageFormat: "'{0}' blocks the thread in async code; await '{1}' instead",
        DiagnosticSeverity.Warning,
        description: "A synchronous member that has an awaitable counterpart blocks the thread for the whole operation; " +
                     "awaiting the counterpart frees the thread while the operation is in progress.");

    public static readonly DiagnosticDescriptor CONC0104BlockingInSyncHandler = Create(
        DiagnosticIds.BlockingInSyncHandler,
        title: "Do not block in a synchronous request handler",
        messageFormat: "{0} blocks a request thread in the synchronous handler {1}; make the handler async and {2}",
        DiagnosticSeverity.Warning,
        description: "A synchronous request handler that waits on a task, sleeps or does synchronous I/O holds a thread-pool " +
                     "thread for the whole wait; under concurrent load the pool runs out of threads and every request stalls.");

    public static readonly DiagnosticDescriptor CONC0201CpuBoundInAsync = Create(
        DiagnosticIds.CpuBoundInAsync,
        title: "Do not run CPU-heavy work inline in async code",
        messageFormat: "{0} in async {1} is CPU-bound work ({2}) that runs {3}; {4}",
        DiagnosticSeverity.Warning,
        description: "An async method runs synchronously on its caller's thread until its first incomplete await, and resumes on " +
                     "whatever thread completes it. A long CPU-bound loop or call inline holds that thread: a Task.WhenAll fan-out " +
                     "runs its items one at a time, and a UI or other single-threaded context freezes. Offload the work with Task.Run.");

    public static readonly DiagnosticDescriptor CONC0202CpuBoundInRequestHandler = Create(
        DiagnosticIds.CpuBoundInRequestHandler,
        title: "Keep CPU-heavy work in request handlers short",
        messageFormat: "{0} in the request handler {1} is CPU-bound work ({2}) that holds a pool thread for its whole run; {3}",
        DiagnosticSeverity.Info,
        description: "A request handler runs on a thread-pool thread. CPU-bound work there holds that thread for its whole run and " +
                     "adds to the latency of every request under load; wrapping it in Task.Run only moves it to another pool thread. " +
                     "Split large independent loops with Parallel.For, use a cheaper algorithm or a cache, or move the work to a background queue.");

    public static readonly DiagnosticDescriptor CONC0301UnsynchronizedUpdate = Create(
        DiagnosticIds.UnsynchronizedUpdate,
        title: "Do not update shared state from concurrent code without synchronization",
        messageFormat: "'{0}' is read, modified and written by {1} without synchronization, so concurrent updates are lost; use Interlocked, a lock, or per-thread partial results",
        DiagnosticSeverity.Warning,
        description: "A read-modify-write such as counter++ is three steps; when threads interleave between them, updates " +
                     "are silently lost. Storage that several concurrent invocations share must be updated atomically or under a lock.");

    public static readonly DiagnosticDescriptor CONC0302SharedCollectionChange = Create(
        DiagnosticIds.SharedCollectionChange,
        title: "Do not change a shared non-concurrent collection from concurrent code without a lock",
        messageFormat: "'{0}' is a {1} shared by {2} and {3} without a lock, which can lose entries, throw or corrupt it; take a lock or use a concurrent collection",
        DiagnosticSeverity.Warning,
        description: "List, Dictionary, HashSet and the other System.Collections.Generic collections are not safe for concurrent " +
                     "writes: two threads adding at once can lose an item, throw, or leave the collection corrupt for good. A check " +
                     "(ContainsKey, Contains, TryGetValue) followed by a change is a race even when each call is safe on its own.");

    public static readonly DiagnosticDescriptor CONC0303InconsistentLocking = Create(
        DiagnosticIds.InconsistentLocking,
        title: "Do not update a field without the lock that guards it elsewhere",
        messageFormat: "'{0}' is read, modified and written here without a lock, but '{1}' accesses it under a lock; take the same lock here",
        DiagnosticSeverity.Warning,
        description: "A field that one member reads or writes under a lock is shared between threads; a read-modify-write of it " +
                     "elsewhere without that lock races with the locked code and with itself, and updates are lost.");

    public static readonly DiagnosticDescriptor CONC0304SingletonState = Create(
        DiagnosticIds.SingletonState,
        title: "Do not update the state of a singleton service without synchronization",
        messageFormat: "'{0}' is read, modified and written without synchronization, but '{1}' is registered as a singleton in {2}, so one instance serves every concurrent caller and updates are lost; use Interlocked or a lock",
        DiagnosticSeverity.Warning,
        description: "A service registered as a singleton has one instance for the whole application: every request, and every " +
                     "other concurrent caller, runs its methods on the same object at the same time. A read-modify-write of one of " +
                     "its fields, such as _count++, is three steps; when calls interleave between them, updates are silently lost.",
        WellKnownDiagnosticTags.CompilationEnd);
    public static readonly DiagnosticDescriptor CONC0401ThreadPerItem = Create(
        DiagnosticIds.ThreadPerItem,
        title: "Do not start a thread per work item for CPU-bound work",
        messageFormat: "{0} starts {1} for CPU-bound work ({2}); the threads share the cores and each costs a stack: use Parallel.ForEach or Parallel.For",
        DiagnosticSeverity.Warning,
        description: "A dedicated thread (or a long-running task, which gets one) per item runs as many threads as there are items. " +
                     "For CPU-bound work only as many as there are cores make progress; the rest cost creation, context switches, " +
                     "cache misses and about a megabyte of reserved stack each. Parallel.For/ForEach runs the items on about one thread per core.");

    public static readonly DiagnosticDescriptor CONC0402OversubscribedDegree = Create(
        DiagnosticIds.OversubscribedDegree,
        title: "Do not allow more parallel workers than cores for CPU-bound work",
        messageFormat: "'{0}' allows {1} for a CPU-bound body ({2}), more than the cores can run; use Environment.ProcessorCount",
        DiagnosticSeverity.Warning,
        description: "A degree of parallelism above the core count does not make CPU-bound work faster: the extra workers share the " +
                     "cores in time slices and pay for context switches, cache misses and stacks. A constant tuned on one machine, " +
                     "or a count taken from the data, is wrong on the others.");

    public static readonly DiagnosticDescriptor CONC0403LargeMinThreads = Create(
        DiagnosticIds.LargeMinThreads,
        title: "Do not raise the thread pool's minimum to a large constant",
        messageFormat: "'ThreadPool.SetMinThreads' with {0} lets the pool start {0} threads at once, more than the cores can run; use Environment.ProcessorCount or remove the call",
        DiagnosticSeverity.Warning,
        description: "Raising the pool's minimum thread count makes it create that many threads without delay. CPU-bound work queued in a " +
                     "burst then runs on far more threads than there are cores, paying for context switches, cache misses and stacks; " +
                     "blocking work is hidden instead of fixed.");

    public static readonly DiagnosticDescriptor CONC0404NestedParallelism = Create(
        DiagnosticIds.NestedParallelism,
        title: "Do not nest parallel loops",
        messageFormat: "'{0}' runs inside {1}, which already spreads the work over every core; run the inner loop sequentially",
        DiagnosticSeverity.Warning,
        description: "A parallel loop inside the body of another parallel loop or PLINQ query adds partitioning, task and " +
                     "synchronization costs for every outer item without adding parallelism: the outer loop already keeps every core busy.");

    public static readonly DiagnosticDescriptor CONC0405TaskPerTinyItem = Create(
        DiagnosticIds.TaskPerTinyItem,
        title: "Do not queue a task per tiny work item",
        messageFormat: "'Task.Run' queues {0} for tiny work ({1}), which costs less than the task itself; use Parallel.ForEach over ranges of items, or run the loop directly",
        DiagnosticSeverity.Warning,
        description: "Each Task.Run allocates a task and a closure, goes through the thread pool's queues and completes a task that " +
                     "someone waits for. For work of a few hundred operations that overhead is larger than the work: the parallel " +
                     "version is slower than a plain loop. Partitioned Parallel.ForEach hands each worker a range of items instead.");

    public static string HelpLink(string id) => HelpLinkBase + id + ".md";

    private static DiagnosticDescriptor Create(
        string id,
        string title,
        string messageFormat,
        DiagnosticSeverity severity,
        string description,
        params string[] customTags)
    {
#pragma warning disable RS0030 // The one place allowed to call the raw constructor.
        return new DiagnosticDescriptor(
            id,
            title,
            messageFormat,
            Category,
            severity,
            isEnabledByDefault: true,
            description: description,
            helpLinkUri: HelpLink(id),
            customTags: customTags);
#pragma warning restore RS0030
    }
}
