using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    ConcurrencyAnalyzers.SharedState.CONC0301UnsynchronizedUpdateAnalyzer,
    ConcurrencyAnalyzers.CodeFixes.SharedState.CONC0301UnsynchronizedUpdateCodeFix>;

namespace ConcurrencyAnalyzers.Tests.SharedState;

public class CONC0301UnsynchronizedUpdateTests
{
    public static IEnumerable<object[]> LanguageVersions => Verify.LanguageVersions;

    // ---- Positives -------------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Shared_fields_captured_locals_and_bins_in_parallel_bodies_are_reported(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System.Linq;
        using System.Threading.Tasks;
        class Stats
        {
            private static int s_total;
            private long _bytes;
            private double _sum;

            void M(int[] data)
            {
                var count = 0;
                var bins = new int[10];
                Parallel.For(0, data.Length, i =>
                {
                    {|CONC0301:count++|};
                    {|CONC0301:s_total += data[i]|};
                    {|CONC0301:_bytes = _bytes + data[i]|};
                    {|CONC0301:_sum += data[i]|};
                    {|CONC0301:bins[data[i] % 10]++|};
                });
                Parallel.ForEach(data, x => {|CONC0301:count--|});
                data.AsParallel().ForAll(x => {|CONC0301:count++|});
            }
        }
        """, version);

    [Fact]
    public Task Message_names_the_storage_and_the_context() => Verify.VerifyAnalyzerAsync("""
        using System.Threading.Tasks;
        class C
        {
            void M()
            {
                var hits = 0;
                Parallel.For(0, 100, i => {|#0:hits++|});
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("hits", "the body of Parallel.For"));

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Work_started_repeatedly_races_with_itself(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        class C
        {
            private int _done;

            async Task M(int[] items)
            {
                var tasks = new List<Task>();
                foreach (var item in items)
                {
                    tasks.Add(Task.Run(() => {|CONC0301:_done++|}));
                    ThreadPool.QueueUserWorkItem(_ => {|CONC0301:_done++|});
                    new Thread(() => {|CONC0301:_done++|}).Start();
                }

                await Task.WhenAll(items.Select(item => Task.Run(() => {|CONC0301:_done += item|})));
                await Task.WhenAll(tasks);
            }
        }
        """, version);

    [Fact]
    public Task Every_delegate_of_a_parallel_loop_anonymous_methods_and_StartNew_are_concurrent() => Verify.VerifyAnalyzerAsync("""
        using System.Threading.Tasks;
        class C
        {
            private long _total;
            private int _started;

            void M(int[] data, int[] histogram)
            {
                Parallel.For(0, data.Length, () => 0L, (i, state, partial) => partial + data[i], partial => {|CONC0301:_total += partial|});
                Parallel.For(0, data.Length, () => 0, (i, state, bin) => data[i] % 10, bin => {|CONC0301:histogram[bin]++|});
                Parallel.ForEach(data, delegate (int value) { {|CONC0301:histogram[value % 10]++|}; });
                for (var i = 0; i < 4; i++)
                {
                    Task.Factory.StartNew(() => {|CONC0301:_started++|});
                }
            }
        }
        """);

    [Fact]
    public Task Parallel_Invoke_races_only_where_two_actions_touch_the_same_storage() => Verify.VerifyAnalyzerAsync("""
        using System.Threading.Tasks;
        class C
        {
            void M()
            {
                int shared = 0, mine = 0, yours = 0;
                Parallel.Invoke(
                    () => { {|CONC0301:shared++|}; mine++; },
                    () => { {|CONC0301:shared++|}; yours++; System.Action inner = () => yours--; inner(); });
            }
        }
        """);

    [Fact]
    public Task Minimal_API_handlers_and_inline_middleware_run_for_every_request() => Verify.VerifyAnalyzerAsync("""
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        static class Endpoints
        {
            private static long s_requests;

            public static void Map(WebApplication app)
            {
                var hits = 0;
                app.MapGet("/hit", () =>
                {
                    {|CONC0301:hits++|};
                    {|CONC0301:s_requests++|};
                    var mine = 0;
                    mine++;
                    return mine;
                });
                app.MapPost("/add/{n}", (int n) => { n++; return n; });
                app.Use(async (context, next) =>
                {
                    {|CONC0301:s_requests += 1|};
                    await next();
                });
            }
        }
        """);

    // ---- Negatives -------------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Iteration_locals_own_elements_locks_Interlocked_and_thread_statics_are_not_reported(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        class Stats
        {
            [ThreadStatic] private static int t_calls;
            private readonly object _gate = new object();
            private readonly SemaphoreSlim _semaphore = new SemaphoreSlim(1);
            private int _total;

            void M(int[] data, int[] squares)
            {
                var count = 0;
                Parallel.For(0, data.Length, i =>
                {
                    var local = 0;
                    local++;
                    squares[i] = data[i] * data[i];
                    squares[i] += 1;
                    lock (_gate) { count++; }
                    Monitor.Enter(_gate);
                    try { _total++; } finally { Monitor.Exit(_gate); }
                    _semaphore.Wait();
                    try { _total += data[i]; } finally { _semaphore.Release(); }
                    Interlocked.Increment(ref count);
                    t_calls++;
                    var box = new Box();
                    box.Value++;
                });
            }

            async Task Sequential(int[] data)
            {
                var count = 0;
                foreach (var x in data) { count++; _total += x; }
                Action once = () => count++;
                _ = Task.Run(() => _total++);
                foreach (var x in data)
                {
                    await Task.Run(() => _total += x);
                }
            }

            class Box { public int Value; }
        }
        """, version);

    [Fact]
    public Task Initializers_of_new_objects_waited_starts_and_Aggregate_result_selectors_are_not_reported() => Verify.VerifyAnalyzerAsync("""
        using System.Linq;
        using System.Threading.Tasks;
        class Node
        {
            public int Depth;
            private int _visits;
            private long _total;
            public Node[] Children = new Node[0];

            void M(int[] data)
            {
                Parallel.ForEach(Children, c => { var child = new Node { Depth = Depth + 1, _visits = _visits + 1 }; });
                foreach (var x in data)
                {
                    Task.Run(() => _total += x).Wait();
                    Task.Run(() => _total += x).GetAwaiter().GetResult();
                }

                var sum = data.AsParallel().Aggregate(0L, (acc, x) => acc + x, (a, b) => a + b, r => { _total += r; return r; });
            }
        }
        """);

    [Fact]
    public Task Properties_are_not_reported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading.Tasks;
        class C
        {
            public int Count { get; set; }
            void M() => Parallel.For(0, 10, i => Count++);
        }
        """);

    [Fact]
    public Task Generated_code_is_not_reported() => Verify.VerifyAnalyzerAsync("""
        // <auto-generated/>
        using System.Threading.Tasks;
        class C { void M() { var n = 0; Parallel.For(0, 10, i => n++); } }
        """);
}
