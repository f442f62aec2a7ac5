using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    ConcurrencyAnalyzers.SharedState.CONC0301UnsynchronizedUpdateAnalyzer,
    ConcurrencyAnalyzers.CodeFixes.SharedState.CONC0301UnsynchronizedUpdateCodeFix>;

namespace ConcurrencyAnalyzers.Tests.SharedState;

public class CONC0301UnsynchronizedUpdateFixTests
{
    [Fact]
    public Task Increments_additions_and_subtractions_become_Interlocked_calls() => Verify.VerifyCodeFixAsync("""
        using System.Threading.Tasks;
        class Stats
        {
            private static long s_bytes;
            private int _errors;

            void M(int[] data)
            {
                var count = 0;
                var bins = new int[10];
                Parallel.For(0, data.Length, i =>
                {
                    {|CONC0301:count++|};
                    {|CONC0301:--_errors|};
                    {|CONC0301:s_bytes += data[i]|};
                    {|CONC0301:s_bytes = s_bytes - data[i] * 2|};
                    {|CONC0301:bins[data[i] % 10]++|};
                    var after = {|CONC0301:++count|};
                });
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;
        class Stats
        {
            private static long s_bytes;
            private int _errors;

            void M(int[] data)
            {
                var count = 0;
                var bins = new int[10];
                Parallel.For(0, data.Length, i =>
                {
                    Interlocked.Increment(ref count);
                    Interlocked.Decrement(ref _errors);
                    Interlocked.Add(ref s_bytes, data[i]);
                    Interlocked.Add(ref s_bytes, -(data[i] * 2));
                    Interlocked.Increment(ref bins[data[i] % 10]);
                    var after = Interlocked.Increment(ref count);
                });
            }
        }
        """);

    [Fact]
    public Task Updates_in_timer_callbacks_and_controller_actions_become_Interlocked_calls() => Verify.VerifyCodeFixAsync("""
        using System.Threading;
        using Microsoft.AspNetCore.Mvc;
        public class OrdersController : ControllerBase
        {
            private static long s_total;
            private static int s_ticks;

            public IActionResult Create(int amount)
            {
                {|CONC0301:s_total += amount|};
                return Ok();
            }

            public void Start() => new Timer(_ => {|CONC0301:s_ticks++|}, null, 0, 1000);
        }
        """, """
        using System.Threading;
        using Microsoft.AspNetCore.Mvc;
        public class OrdersController : ControllerBase
        {
            private static long s_total;
            private static int s_ticks;

            public IActionResult Create(int amount)
            {
                Interlocked.Add(ref s_total, amount);
                return Ok();
            }

            public void Start() => new Timer(_ => Interlocked.Increment(ref s_ticks), null, 0, 1000);
        }
        """);

    [Fact]
    public Task Volatile_fields_and_parenthesized_sums_are_fixed() => Verify.VerifyCodeFixAsync("""
        using System.Threading;
        using System.Threading.Tasks;
        class Stats
        {
            private volatile int _volatile;
            private long _total;
            void M(int[] data) => Parallel.For(0, data.Length, i =>
            {
                {|CONC0301:_volatile++|};
                {|CONC0301:_total = (_total + data[i])|};
            });
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;
        class Stats
        {
            private volatile int _volatile;
            private long _total;
            void M(int[] data) => Parallel.For(0, data.Length, i =>
            {
                Interlocked.Increment(ref _volatile);
                Interlocked.Add(ref _total, data[i]);
            });
        }
        """);

    [Fact]
    public Task No_fix_where_Interlocked_cannot_do_the_same_update()
    {
        var source = """
            using System.Threading.Tasks;
            class Stats
            {
                private double _sum;
                private uint _unsigned;

                void M(int[] data)
                {
                    var count = 0;
                    var bins = new int[2];
                    short small = 0;
                    Parallel.For(0, data.Length, i =>
                    {
                        var before = {|CONC0301:count++|};
                        {|CONC0301:count += count|};
                        {|CONC0301:count -= int.MinValue|};
                        {|CONC0301:bins[data[i] % 2] += bins[0]|};
                        checked { {|CONC0301:count++|}; }
                        {|CONC0301:_sum += data[i]|};
                        {|CONC0301:_unsigned -= 1|};
                        {|CONC0301:count *= 2|};
                        {|CONC0301:small++|};
                    });
                }
            }
            """;
        // The lock action still applies here; this is about the Interlocked one.
        return new Verify.Test { TestCode = source, FixedCode = source, CodeActionEquivalenceKey = "CONC0301" }.RunAsync();
    }

    [Fact]
    public Task Fix_all_in_project_fixes_every_document() => new Verify.Test
    {
        TestState =
        {
            Sources =
            {
                """
                using System.Threading.Tasks;
                class A { int _n; void M() => Parallel.For(0, 10, i => { {|CONC0301:_n++|}; {|CONC0301:_n = i + _n|}; }); }
                """,
                """
                using System.Threading.Tasks;
                class B { static long s; void M() => Parallel.For(0, 10, i => {|CONC0301:s--|}); }
                """,
            },
        },
        FixedState =
        {
            Sources =
            {
                """
                using System.Threading;
                using System.Threading.Tasks;
                class A { int _n; void M() => Parallel.For(0, 10, i => { Interlocked.Increment(ref _n); Interlocked.Add(ref _n, i); }); }
                """,
                """
                using System.Threading;
                using System.Threading.Tasks;
                class B { static long s; void M() => Parallel.For(0, 10, i => Interlocked.Decrement(ref s)); }
                """,
            },
        },
        CodeFixTestBehaviors = CodeFixTestBehaviors.None,
    }.RunAsync();
}
