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
    public Task No_fix_where_await_would_change_meaning_or_strand_a_ref_struct()
    {
        var source = """
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            class C
            {
                private readonly object _gate = new object();
                private readonly ReaderWriterLockSlim _rw = new ReaderWriterLockSlim();
                static void Consume(ReadOnlySpan<char> text, int count) { }

                async Task<int> M(string text, Task<int> t, Task a, Task b)
                {
                    await Task.Yield();
                    Consume(text.AsSpan(), t.{|CONC0101:Result|});
                    try { return t.{|CONC0101:Result|}; } catch (AggregateException) { return -1; }
                }

                async Task Locks(Task t)
                {
                    await Task.Yield();
                    Monitor.Enter(_gate);
                    try { t.{|CONC0101:Wait()|}; } finally { Monitor.Exit(_gate); }
                    _rw.EnterWriteLock();
                    try { t.{|CONC0101:Wait()|}; } finally { _rw.ExitWriteLock(); }
                }
            }
            """;
        return Verify.VerifyCodeFixAsync(source, source);
    }

    [Fact]
    public Task ConfigureAwait_is_added_only_to_tasks() => Verify.VerifyCodeFixAsync("""
        using System.Runtime.CompilerServices;
        using System.Threading.Tasks;
        class Lazy { public TaskAwaiter<int> GetAwaiter() => Task.FromResult(1).GetAwaiter(); }
        class C
        {
            async Task<int> M(Lazy lazy, Task<int> t, Task<int> u)
            {
                await Task.Delay(1).ConfigureAwait(false);
                var configured = t.ConfigureAwait(false);
                return lazy.{|CONC0101:GetAwaiter().GetResult()|} + configured.{|CONC0101:GetAwaiter().GetResult()|} + u.{|CONC0101:GetAwaiter().GetResult()|};
            }
        }
        """, """
        using System.Runtime.CompilerServices;
        using System.Threading.Tasks;
        class Lazy { public TaskAwaiter<int> GetAwaiter() => Task.FromResult(1).GetAwaiter(); }
        class C
        {
            async Task<int> M(Lazy lazy, Task<int> t, Task<int> u)
            {
                await Task.Delay(1).ConfigureAwait(false);
                var configured = t.ConfigureAwait(false);
                return await lazy + await configured + await u.ConfigureAwait(false);
            }
        }
        """);

    [Fact]
    public Task No_WhenAll_fix_when_another_WhenAll_would_bind()
    {
        var source = """
            using System.Threading.Tasks;
            using static System.Threading.Tasks.Task;
            class C
            {
                static void WhenAll(params Task[] tasks) { }
                async Task M(Task a, Task b) { await a; {|CONC0101:WaitAll(a, b)|}; }
            }
            """;
        return Verify.VerifyCodeFixAsync(source, source);
    }

    [Fact]
    public Task Fix_is_offered_in_an_async_lambda_inside_a_lock() => Verify.VerifyCodeFixAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        class C
        {
            private readonly object _gate = new object();
            private readonly List<Task> _pending = new List<Task>();
            void M(Task t)
            {
                lock (_gate) { _pending.Add(Task.Run(async () => { await Task.Yield(); t.{|CONC0101:Wait()|}; })); }
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        class C
        {
            private readonly object _gate = new object();
            private readonly List<Task> _pending = new List<Task>();
            void M(Task t)
            {
                lock (_gate) { _pending.Add(Task.Run(async () => { await Task.Yield(); await t; })); }
            }
        }
        """);

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
