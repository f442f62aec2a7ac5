using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    ConcurrencyAnalyzers.Blocking.CONC0101SyncOverAsyncAnalyzer,
    ConcurrencyAnalyzers.CodeFixes.Blocking.CONC0101SyncOverAsyncCodeFix>;

namespace ConcurrencyAnalyzers.Tests.Blocking;

public class CONC0101SyncOverAsyncFixTests
{
    [Fact]
    public Task Result_becomes_await_with_parentheses_where_needed() => Verify.VerifyCodeFixAsync("""
        using System.Threading.Tasks;
        class C
        {
            async Task<int> M(Task<string> t, Task<string> u)
            {
                var s = t.{|CONC0101:Result|};
                return u.{|CONC0101:Result|}.Length + s.Length;
            }
        }
        """, """
        using System.Threading.Tasks;
        class C
        {
            async Task<int> M(Task<string> t, Task<string> u)
            {
                var s = await t;
                return (await u).Length + s.Length;
            }
        }
        """);

    [Fact]
    public Task Wait_and_GetResult_become_await() => Verify.VerifyCodeFixAsync("""
        using System.Threading.Tasks;
        class C
        {
            async Task M(Task a, Task<int> b)
            {
                a.{|CONC0101:Wait()|};
                var x = b.{|CONC0101:GetAwaiter().GetResult()|};
                var y = Get().ConfigureAwait(true).{|CONC0101:GetAwaiter().GetResult()|};
            }
            Task<int> Get() => Task.FromResult(1);
        }
        """, """
        using System.Threading.Tasks;
        class C
        {
            async Task M(Task a, Task<int> b)
            {
                await a;
                var x = await b;
                var y = await Get().ConfigureAwait(true);
            }
            Task<int> Get() => Task.FromResult(1);
        }
        """);

    [Fact]
    public Task WaitAll_and_discarded_WaitAny_become_WhenAll_and_WhenAny() => Verify.VerifyCodeFixAsync("""
        using System.Threading.Tasks;
        class C
        {
            async Task M(Task a, Task b)
            {
                Task.{|CONC0101:WaitAll(a, b)|};
                Task.{|CONC0101:WaitAny(a, b)|};
            }
        }
        """, """
        using System.Threading.Tasks;
        class C
        {
            async Task M(Task a, Task b)
            {
                await Task.WhenAll(a, b);
                await Task.WhenAny(a, b);
            }
        }
        """);

    [Fact]
    public Task ConfigureAwait_false_is_kept_when_the_file_uses_it() => Verify.VerifyCodeFixAsync("""
        using System.Threading.Tasks;
        class C
        {
            async Task<int> M(Task<int> t, Task u)
            {
                await u.ConfigureAwait(false);
                return t.{|CONC0101:Result|};
            }
        }
        """, """
        using System.Threading.Tasks;
        class C
        {
            async Task<int> M(Task<int> t, Task u)
            {
                await u.ConfigureAwait(false);
                return await t.ConfigureAwait(false);
            }
        }
        """);

    [Fact]
    public Task Nested_waits_are_all_fixed() => Verify.VerifyCodeFixAsync("""
        using System.Threading.Tasks;
        class C
        {
            async Task<int> M(Task<Task<int>> t)
            {
                return t.{|CONC0101:Result|}.{|CONC0101:Result|};
            }
        }
        """, """
        using System.Threading.Tasks;
        class C
        {
            async Task<int> M(Task<Task<int>> t)
            {
                return await await t;
            }
        }
        """);

    [Fact]
    public Task A_second_wait_on_a_task_the_fix_just_awaited_is_no_longer_reported() => new Verify.Test
    {
        TestCode = """
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Task<int> t)
                {
                    var a = t.{|CONC0101:Result|};
                    return a + t.{|CONC0101:Result|};
                }
            }
            """,
        // One fix at a time: once the first read is awaited, the second cannot block and is left alone.
        FixedCode = """
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Task<int> t)
                {
                    var a = await t;
                    return a + t.Result;
                }
            }
            """,
        BatchFixedCode = """
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Task<int> t)
                {
                    var a = await t;
                    return a + await t;
                }
            }
            """,
    }.RunAsync();

    [Fact]
    public Task No_fix_where_await_is_illegal_or_the_shape_has_no_async_twin()
    {
        var source = """
            using System.Threading;
            using System.Threading.Tasks;
            class C
            {
                private readonly object _gate = new object();
                async Task M(Task<bool> t, Task a, CancellationToken ct)
                {
                    await Task.Yield();
                    lock (_gate) { var x = t.{|CONC0101:Result|}; }
                    try { } catch when (t.{|CONC0101:Result|}) { }
                    var ok = a.{|CONC0101:Wait(100)|};
                    var index = Task.{|CONC0101:WaitAny(a, t)|};
                    Task.{|CONC0101:WaitAll(new[] { a }, ct)|};
                    var r = t?.{|CONC0101:Result|};
                }
            }
            """;
        return Verify.VerifyCodeFixAsync(source, source);
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
                class A { async Task<int> M(Task<int> t, Task<int> u) { await Task.Yield(); return t.{|CONC0101:Result|} + u.{|CONC0101:Result|}; } }
                """,
                """
                using System.Threading.Tasks;
                class B { async Task M(Task t) { t.{|CONC0101:Wait()|}; Task.{|CONC0101:WaitAll(t)|}; } }
                """,
            },
        },
        FixedState =
        {
            Sources =
            {
                """
                using System.Threading.Tasks;
                class A { async Task<int> M(Task<int> t, Task<int> u) { await Task.Yield(); return await t + await u; } }
                """,
                """
                using System.Threading.Tasks;
                class B { async Task M(Task t) { await t; await Task.WhenAll(t); } }
                """,
            },
        },
        CodeFixTestBehaviors = CodeFixTestBehaviors.None,
    }.RunAsync();
}
