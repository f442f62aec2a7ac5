using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
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

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Running_maxima_and_minima_with_Math_are_read_modify_writes(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Threading.Tasks;
        class Stats
        {
            private static int s_max;
            private double _min = double.MaxValue;

            void M(int[] data)
            {
                Parallel.For(0, data.Length, i =>
                {
                    {|CONC0301:s_max = Math.Max(s_max, data[i])|};
                    {|CONC0301:_min = Math.Min(data[i], _min)|};
                    var top = Math.Max(s_max, data[i]);
                    s_max.CompareTo(Math.Abs(data[i]));
                    var own = 0;
                    own = Math.Max(own, data[i]);
                });
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

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Periodic_timer_callbacks_and_Elapsed_handlers_run_on_pool_threads_and_overlap(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Threading;
        class Ticker
        {
            private static long s_ticks;
            private int _elapsed;
            private double _load;

            void Start(TimeSpan every, int periodMs)
            {
                var count = 0;
                var t1 = new Timer(_ => {|CONC0301:count++|}, null, 0, 1000);
                var t2 = new Timer(delegate (object? state) { {|CONC0301:s_ticks += 2|}; }, null, TimeSpan.Zero, every);
                var t3 = new Timer(_ => {|CONC0301:s_ticks++|}, null, 0, periodMs);
                var t4 = new Timer(_ => {|CONC0301:_load = _load * 0.9|});
                var timer = new System.Timers.Timer(100);
                timer.Elapsed += (sender, e) => {|CONC0301:_elapsed++|};
                timer.Elapsed += delegate { {|CONC0301:s_ticks--|}; };
                foreach (var delay in new[] { 10, 20 })
                {
                    new Timer(_ => {|CONC0301:_elapsed++|}, null, delay, Timeout.Infinite);
                }
            }
        }
        """, version);

    [Fact]
    public Task Message_names_the_timer_context() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;
        class C
        {
            private static int s_ticks;
            private int _elapsed;

            void M()
            {
                var t = new Timer(_ => {|#0:s_ticks++|}, null, 0, 500);
                var timer = new System.Timers.Timer(100);
                timer.Elapsed += (s, e) => {|#1:_elapsed++|};
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("s_ticks", "the callback of a periodic Timer"),
        Verify.Diagnostic().WithLocation(1).WithArguments("_elapsed", "the Elapsed handler of a System.Timers.Timer"));

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Static_fields_in_controller_actions_page_handlers_and_hub_methods_are_shared_by_concurrent_requests(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Mvc.RazorPages;
        using Microsoft.AspNetCore.SignalR;

        public class Totals { public long Sum; }

        public class OrdersController : ControllerBase
        {
            private static int s_orders;
            private static readonly Totals s_totals = new Totals();
            private static readonly int[] s_bins = new int[8];

            public IActionResult Create(int amount)
            {
                {|CONC0301:s_orders++|};
                {|CONC0301:s_totals.Sum += amount|};
                {|CONC0301:s_bins[amount % 8]++|};
                return Ok();
            }

            public async Task<IActionResult> CreateAsync(int amount)
            {
                await Task.Yield();
                {|CONC0301:s_orders = s_orders + amount|};
                return Ok();
            }
        }

        public class IndexModel : PageModel
        {
            private static int s_visits;
            public void OnGet() => {|CONC0301:s_visits++|};
        }

        public class ChatHub : Hub
        {
            private static long s_messages;
            public Task Send(string text)
            {
                {|CONC0301:s_messages += text.Length|};
                return Task.CompletedTask;
            }
        }
        """, version);

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Conventional_middleware_is_one_instance_so_its_fields_are_shared(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Http;

        public class CountingMiddleware
        {
            private readonly RequestDelegate _next;
            private long _requests;
            private static int s_errors;

            public CountingMiddleware(RequestDelegate next) => _next = next;

            public async Task InvokeAsync(HttpContext context)
            {
                {|CONC0301:_requests++|};
                {|CONC0301:this._requests += 1|};
                await _next(context);
                if (context.Response.StatusCode >= 500)
                {
                    {|CONC0301:s_errors++|};
                }
            }
        }

        public class FactoryMiddleware : IMiddleware
        {
            private long _requests;
            private static long s_requests;

            public Task InvokeAsync(HttpContext context, RequestDelegate next)
            {
                _requests++;
                {|CONC0301:s_requests++|};
                return next(context);
            }
        }
        """, version);

    [Fact]
    public Task Message_names_the_handler() => Verify.VerifyAnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;
        public class HomeController : Controller
        {
            private static int s_hits;
            public IActionResult Index() { {|#0:s_hits++|}; return View(); }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("s_hits", "the controller action HomeController.Index"));

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Top_level_locals_captured_by_minimal_API_handlers_are_shared(LanguageVersion version) => new Verify.Test
    {
        LanguageVersion = version,
        TestState = { OutputKind = OutputKind.ConsoleApplication },
        TestCode = """
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        var app = WebApplication.Create(args);
        var hits = 0;
        var served = 0L;
        var started = 0;
        started++;
        app.MapGet("/", context => { {|CONC0301:hits++|}; return Task.CompletedTask; });
        app.Use(async (context, next) =>
        {
            {|CONC0301:served += context.Request.ContentLength ?? 0|};
            var mine = 0;
            mine++;
            await next();
        });
        app.Run();
        """,
    }.RunAsync();

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

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task One_shot_timers_Interlocked_locks_and_PeriodicTimer_loops_are_not_reported(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        class Ticker
        {
            private readonly object _gate = new object();
            private static int s_fired;
            private int _ticks;
            private long _total;

            void Start(TimeSpan due)
            {
                var once = 0;
                var t1 = new Timer(_ => once++, null, 1000, Timeout.Infinite);
                var t2 = new Timer(_ => s_fired++, null, due, Timeout.InfiniteTimeSpan);
                var t3 = new Timer(_ => s_fired++, null, 1000L, -1L);
                var t4 = new Timer(_ => Interlocked.Increment(ref _ticks), null, 0, 1000);
                var t5 = new Timer(_ => { lock (_gate) { _total += 2; } }, null, 0, 1000);
                var t6 = new Timer(_ => { var local = 0; local++; }, null, 0, 1000);
                var timer = new System.Timers.Timer(100);
                timer.Elapsed += (sender, e) => Interlocked.Add(ref _total, 5);
                timer.Disposed += (sender, e) => _ticks++;
            }

            async Task Poll(CancellationToken token)
            {
                using var periodic = new PeriodicTimer(TimeSpan.FromSeconds(1));
                while (await periodic.WaitForNextTickAsync(token))
                {
                    _ticks++;
                    s_fired++;
                }

                _ = Task.Run(async () =>
                {
                    while (await periodic.WaitForNextTickAsync(token))
                    {
                        _total += 1;
                    }
                });
            }
        }
        """, version);

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Per_request_instances_handler_locals_Interlocked_locks_and_non_handlers_are_not_reported(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System.Threading;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.SignalR;

        public class Cart { public int Items; }

        public class CartController : ControllerBase
        {
            private static readonly object s_gate = new object();
            private static int s_orders;
            private static long s_total;
            private int _calls;
            private readonly Cart _cart = new Cart();

            public IActionResult Add(int amount, Cart posted)
            {
                _calls++;
                this._calls += amount;
                _cart.Items++;
                posted.Items++;
                var local = 0;
                local += amount;
                amount++;
                var cart = new Cart();
                cart.Items++;
                Interlocked.Increment(ref s_orders);
                lock (s_gate) { s_total += amount; }
                return Ok(local);
            }

            [NonAction]
            public void Reset() => s_orders = s_orders + 1;

            private void Helper() => s_orders++;

            public static void Static() => s_orders++;

            public int Count { get { return s_orders++; } }
        }

        public class ChatHub : Hub
        {
            private int _sent;
            public void Send(string text) => _sent++;
        }

        public class Service
        {
            private static int s_calls;
            public void Run() => s_calls++;
        }
        """, version);
}
