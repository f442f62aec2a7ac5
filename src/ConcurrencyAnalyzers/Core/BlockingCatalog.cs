using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Core;

/// <summary>Which entry of the blocking catalog a call is.</summary>
internal enum BlockingKind
{
    TaskWait,
    Sleep,
    Twin,
}

/// <summary>A call that blocks its thread, with how to name it and what to do instead.</summary>
internal sealed class BlockingCall
{
    public BlockingCall(BlockingKind kind, string member, string remedy, Location location, TaskWaitKind waitKind = default, IMethodSymbol? twin = null)
    {
        Kind = kind;
        Member = member;
        Remedy = remedy;
        Location = location;
        WaitKind = waitKind;
        Twin = twin;
    }

    public BlockingKind Kind { get; }

    /// <summary>The blocking member as messages name it: Task&lt;int&gt;.Result, Thread.Sleep, File.ReadAllText.</summary>
    public string Member { get; }

    /// <summary>What to do instead: "await the task", "await Task.Delay", "await 'File.ReadAllTextAsync'".</summary>
    public string Remedy { get; }

    public Location Location { get; }

    /// <summary>For task waits: which wait.</summary>
    public TaskWaitKind WaitKind { get; }

    /// <summary>For twins: the twin to await (the plain overload when there is one).</summary>
    public IMethodSymbol? Twin { get; }
}

/// <summary>
/// The blocking catalog, per compilation: waits on tasks (not proven complete), <c>Thread.Sleep</c> (not of zero),
/// and sync members with a real async twin. Shared by the rules for async code and for request handlers.
/// </summary>
internal sealed class BlockingCatalog
{
    private readonly ConcurrentDictionary<SyntaxTree, SymbolExclusions> _exclusionsByTree = new();
    private readonly ConcurrentDictionary<string, SymbolExclusions> _exclusionsByValue = new();

    private BlockingCatalog(WellKnownTypes types)
    {
        Types = types;
        Twins = new AsyncTwinFinder(types);
    }

    public WellKnownTypes Types { get; }

    public AsyncTwinFinder Twins { get; }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, BlockingCatalog> Cache = new();

    /// <summary>The catalog of a compilation, shared by every rule (and its twin caches with it).</summary>
    public static BlockingCatalog Get(Compilation compilation) =>
        Cache.GetValue(compilation, static c => new BlockingCatalog(WellKnownTypes.Get(c)));

    /// <summary>Any blocking call of the catalog.</summary>
    public BlockingCall? Match(IOperation operation, EnclosingFunction function, AnalyzerOptions options, CompletedTaskProof.Cache proof) =>
        MatchTaskWait(operation, function, proof)
        ?? (operation is IInvocationOperation invocation ? MatchSleep(invocation) ?? MatchTwin(invocation, function, options) : null);

    /// <summary>A wait on a task that is not proven complete (and not inside nameof).</summary>
    public BlockingCall? MatchTaskWait(IOperation operation, EnclosingFunction function, CompletedTaskProof.Cache proof)
    {
        if (TaskWait.Match(operation, Types) is not { } wait
            || IsInNameOf(operation)
            || (wait.Task is { } task && CompletedTaskProof.IsProvenComplete(task, function, Types, proof)))
        {
            return null;
        }

        var start = wait.Kind == TaskWaitKind.GetResult && operation is IInvocationOperation { Instance: { } awaiter }
            ? awaiter.WalkDownConversions().Syntax
            : null;
        return new BlockingCall(BlockingKind.TaskWait, MemberName(wait.Member), TaskWaitRemedy(wait.Kind), DiagnosticLocations.MemberToEnd(operation.Syntax, start), wait.Kind);
    }

    public BlockingCall? MatchSleep(IInvocationOperation invocation) =>
        IsSleep(invocation)
            ? new BlockingCall(BlockingKind.Sleep, "Thread.Sleep", "await Task.Delay", DiagnosticLocations.MemberToEnd(invocation.Syntax))
            : null;

    public BlockingCall? MatchTwin(IInvocationOperation invocation, EnclosingFunction function, AnalyzerOptions options)
    {
        if (Twins.FindTwin(invocation) is not { } twin
            || !Twins.IsWorthSuggesting(invocation, twin, function, Exclusions(options, invocation.Syntax.SyntaxTree)))
        {
            return null;
        }

        var preferred = twin.Preferred;
        return new BlockingCall(
            BlockingKind.Twin,
            MemberName(invocation.TargetMethod),
            $"await '{MemberName(preferred.ReducedFrom ?? preferred)}'",
            DiagnosticLocations.MemberToEnd(invocation.Syntax),
            twin: preferred);
    }

    /// <summary><c>Thread.Sleep</c> with a real delay (not 0 nor TimeSpan.Zero, which only yield).</summary>
    public bool IsSleep(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        return method is { Name: "Sleep", IsStatic: true }
            && WellKnownTypes.Eq(method.ContainingType, Types.Thread)
            && !(invocation.Arguments.Length == 1 && Types.IsZeroTimeout(invocation.Arguments[0].Value));
    }

    /// <summary>The built-in exclusions plus those configured for the tree, shared by files with the same value.</summary>
    public SymbolExclusions Exclusions(AnalyzerOptions options, SyntaxTree tree)
    {
        if (!_exclusionsByTree.TryGetValue(tree, out var exclusions))
        {
            var configured = AnalyzerOptionReader.GetRaw(options, tree, AsyncTwinFinder.ExcludedSymbolsOption) ?? string.Empty;
            exclusions = _exclusionsByValue.GetOrAdd(configured, value => SymbolExclusions.Parse(AsyncTwinFinder.BuiltInExclusions, value));
            _exclusionsByTree.TryAdd(tree, exclusions);
        }

        return exclusions;
    }

    public static string MemberName(ISymbol member) =>
        member.ContainingType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + "." + member.Name;

    public static string TaskWaitRemedy(TaskWaitKind kind) => kind switch
    {
        TaskWaitKind.WaitAll => "await Task.WhenAll",
        TaskWaitKind.WaitAny => "await Task.WhenAny",
        _ => "await the task",
    };

    /// <summary>nameof(t.Result) runs nothing.</summary>
    private static bool IsInNameOf(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is INameOfOperation)
            {
                return true;
            }
        }

        return false;
    }
}
