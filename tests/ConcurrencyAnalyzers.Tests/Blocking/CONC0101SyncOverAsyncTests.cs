using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    ConcurrencyAnalyzers.Blocking.CONC0101SyncOverAsyncAnalyzer,
    ConcurrencyAnalyzers.CodeFixes.Blocking.CONC0101SyncOverAsyncCodeFix>;

namespace ConcurrencyAnalyzers.Tests.Blocking;

public class CONC0101SyncOverAsyncTests
{
    public static System.Collections.Generic.IEnumerable<object[]> LanguageVersions => Verify.LanguageVersions;

    // ---- Positives -------------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Result_in_async_method_is_reported(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System.Threading.Tasks;
        class C
        {
            async Task<int> M(Task<int> t)
            {
                await Task.Yield();
                return t.{|CONC0101:Result|};
            }
        }
        """, version);

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Wait_GetResult_WaitAll_WaitAny_are_reported(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System.Threading.Tasks;
        class C
        {
            async Task M(Task a, Task<int> b, ValueTask<int> c)
            {
                a.{|CONC0101:Wait()|};
                a.{|CONC0101:Wait(100)|};
                var x = b.{|CONC0101:GetAwaiter().GetResult()|};
                var y = b.ConfigureAwait(false).{|CONC0101:GetAwaiter().GetResult()|};
                var z = c.{|CONC0101:Result|};
                Task.{|CONC0101:WaitAll(a, b)|};
                var i = Task.{|CONC0101:WaitAny(a, b)|};
                await Task.Yield();
            }
        }
        """, version);

    [Fact]
    public Task Message_names_the_member_and_the_remedy() => Verify.VerifyAnalyzerAsync("""
        using System.Threading.Tasks;
        class C
        {
            async Task M(Task<string> t, Task u)
            {
                var s = t.{|#0:Result|};
                Task.{|#1:WaitAll(t, u)|};
                await u;
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("Task<string>.Result", "await the task instead"),
        Verify.Diagnostic().WithLocation(1).WithArguments("Task.WaitAll", "use 'await Task.WhenAll' instead"));

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Async_lambda_and_async_local_function_are_async_code(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Threading.Tasks;
        class C
        {
            void M(Task<int> t)
            {
                Func<Task<int>> f = async () => { await Task.Yield(); return t.{|CONC0101:Result|}; };
                Task.Run(async () => t.{|CONC0101:Wait()|});
                async Task<int> Local() { await Task.Yield(); return t.{|CONC0101:Result|}; }
            }
        }
        """, version);

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Top_level_statements_with_await_are_async_code(LanguageVersion version) => new Verify.Test
    {
        LanguageVersion = version,
        TestState = { OutputKind = OutputKind.ConsoleApplication },
        TestCode = """
            using System.Threading.Tasks;
            var t = Task.Run(() => 42);
            await Task.Delay(1);
            System.Console.WriteLine(t.{|CONC0101:Result|});
            """,
    }.RunAsync();

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Top_level_statements_without_await_are_not_async_code(LanguageVersion version) => new Verify.Test
    {
        LanguageVersion = version,
        TestState = { OutputKind = OutputKind.ConsoleApplication },
        TestCode = """
            using System.Threading.Tasks;
            var t = Task.Run(() => 42);
            System.Console.WriteLine(t.Result);
            """,
    }.RunAsync();

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Generic_methods_partial_classes_and_expression_bodies_are_covered(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Threading.Tasks;
        partial class Repository<TItem> where TItem : class
        {
            async Task<TItem> LoadAsync(Task<TItem> pending) => pending.{|CONC0101:Result|};
        }
        partial class Repository<TItem>
        {
            async Task<TResult> MapAsync<TResult>(Task<TResult> pending, Func<TResult, TResult> map) => map(pending.{|CONC0101:GetAwaiter().GetResult()|});
            TItem Sync(Task<TItem> pending) => pending.Result;
        }
        """, version);

    [Fact]
    public Task Lock_body_is_reported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading.Tasks;
        class C
        {
            private readonly object _gate = new object();
            async Task M(Task<int> t)
            {
                await Task.Yield();
                lock (_gate) { var x = t.{|CONC0101:Result|}; }
            }
        }
        """);

    // ---- Negatives -------------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Sync_method_is_not_reported(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System.Threading.Tasks;
        class C
        {
            int M(Task<int> t) { t.Wait(); return t.Result + t.GetAwaiter().GetResult(); }
            Task<int> N(Task<int> t) => Task.FromResult(t.Result);
        }
        """, version);

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Sync_lambda_and_local_function_inside_async_method_are_not_reported(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Linq;
        using System.Threading.Tasks;
        class C
        {
            async Task<int> M(Task<int> t, Task<int>[] all)
            {
                var offloaded = await Task.Run(() => t.Result);
                Func<int> f = () => t.Result;
                int Local() => t.Result;
                var sum = all.Select(x => x.Result).Sum();
                return offloaded + f() + Local() + sum;
            }
        }
        """, version);

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Task_proven_complete_is_not_reported(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        class C
        {
            private Task<int> _field = Task.FromResult(1);

            async Task<int> Awaited(Task<int> t)
            {
                await t;
                return t.Result;
            }

            async Task<int> AfterWhenAll(Task<int> a, Task<int> b)
            {
                await Task.WhenAll(a, b).ConfigureAwait(false);
                return a.Result + b.GetAwaiter().GetResult();
            }

            async Task<int> AfterWhenAllOfArray(Task<int>[] tasks, List<Task<int>> list)
            {
                await Task.WhenAll(tasks);
                await Task.WhenAll(list);
                var sum = tasks[0].Result;
                foreach (var t in list) sum += t.Result;
                return sum;
            }

            async Task<int> AfterWhenAny(Task<int> a, Task<int> b)
            {
                var first = await Task.WhenAny(a, b);
                return first.Result + (await Task.WhenAny(a, b)).Result;
            }

            async Task<int> AfterCompletionCheck(Task<int> t)
            {
                await Task.Yield();
                if (t.IsCompletedSuccessfully) return t.Result;
                return 0;
            }

            async Task<int> Field()
            {
                await _field;
                Task.CompletedTask.GetAwaiter().GetResult();
                return _field.Result + Task.FromResult(2).Result;
            }
        }
        """, version);

    [Fact]
    public Task Task_awaited_through_any_shape_of_WhenAll_is_not_reported() => new Verify.Test
    {
        // .NET 10 with C# 13: Task.WhenAll(a, b) binds to the params ReadOnlySpan<Task> overload.
        ReferenceAssemblies = Verifiers.TestReferences.Net100,
        LanguageVersion = LanguageVersion.CSharp13,
        TestCode = """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            class C
            {
                async Task<int> Span(Task<int> a, Task<int> b)
                {
                    await Task.WhenAll(a, b);
                    return a.Result + b.Result;
                }

                async Task<int> CollectionExpression(Task<int> a, Task<int> b)
                {
                    await Task.WhenAll([a, b]);
                    return a.Result + b.Result;
                }

                async Task<int> DictionaryValues(Dictionary<string, Task<int>> byName)
                {
                    await Task.WhenAll(byName.Values);
                    return byName["x"].Result;
                }

                async Task<int> AwaitedLater(Task<int> a, Task<int> b)
                {
                    var all = Task.WhenAll(a, b);
                    await all.ConfigureAwait(false);
                    return a.Result;
                }

                async Task<int> NotAmongThem(Task<int> a, Task<int> b, Task<int> c)
                {
                    await Task.WhenAll(a, b);
                    return c.{|CONC0101:Result|};
                }
            }
            """,
    }.RunAsync();

    [Fact]
    public Task Zero_timeout_waits_do_not_block() => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Threading.Tasks;
        class C
        {
            async Task<bool> M(Task t)
            {
                await Task.Yield();
                return t.Wait(0) || t.Wait(TimeSpan.Zero);
            }
        }
        """);

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Completion_proven_by_patterns_WaitAsync_properties_and_collections_is_not_reported(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        class Pending { public Task<int> Price = Task.FromResult(1); public Task<int> Stock = Task.FromResult(2); }
        class C
        {
            Task<int> Current { get; } = Task.FromResult(3);

            async Task<int> Patterns(Task<int> t, ValueTask<int> vt)
            {
                await Task.Yield();
                if (t is { IsCompletedSuccessfully: true, Result: var r }) return r;
                if (vt is { IsCompletedSuccessfully: true } done) return done.Result;
                if (t is { IsCompleted: true }) return t.Result;
                return 0;
            }

            async Task<int> WaitAsyncAwaited(Task<int> t, Task<int> a, Task<int> b)
            {
                await t.WaitAsync(TimeSpan.FromSeconds(5));
                await Task.WhenAll(a, b).WaitAsync(TimeSpan.FromSeconds(5));
                return t.Result + a.Result + b.Result;
            }

            async Task<int> PropertiesAndFields(Pending p)
            {
                await Current;
                await Task.WhenAll(p.Price, p.Stock);
                return Current.Result + p.Price.Result + p.Stock.Result;
            }

            async Task<int> GatheredInAList(Task<int> price, Task<int> stock)
            {
                var tasks = new List<Task<int>>();
                tasks.Add(price);
                tasks.Add(stock);
                await Task.WhenAll(tasks);
                return price.Result + tasks.First().Result;
            }
        }
        """, version);

    [Fact]
    public Task Waits_not_covered_by_the_evidence_are_reported() => Verify.VerifyAnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        class Pending { public Task<int> Price = Task.FromResult(1); }
        class C
        {
            async Task<int> M(Task<int> t, Pending p, Pending q, Task<int> price, Task<int> other)
            {
                await Task.Yield();
                var a = t is { {|CONC0101:Result|}: 5 } ? 1 : 0;
                await p.Price;
                var tasks = new List<Task<int>> ();
                tasks.Add(price);
                await Task.WhenAll(tasks);
                return a + q.Price.{|CONC0101:Result|} + other.{|CONC0101:Result|};
            }
        }
        """);

    [Fact]
    public Task Nameof_runs_nothing_and_is_not_reported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading.Tasks;
        class C { async Task<string> M(Task<int> t) { await Task.Yield(); return nameof(t.Result); } }
        """);

    [Fact]
    public Task Task_reassigned_after_await_is_reported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading.Tasks;
        class C
        {
            async Task<int> M(Task<int> t, Task<int> other)
            {
                await t;
                t = other;
                return t.{|CONC0101:Result|};
            }
        }
        """);

    [Fact]
    public Task Task_from_WhenAny_reassigned_later_is_reported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading.Tasks;
        class C
        {
            async Task<int> M(Task<int> a, Task<int> b)
            {
                var first = await Task.WhenAny(a, b);
                first = b;
                return first.{|CONC0101:Result|};
            }
        }
        """);

    [Fact]
    public Task Await_after_the_use_proves_nothing() => Verify.VerifyAnalyzerAsync("""
        using System.Threading.Tasks;
        class C
        {
            async Task<int> M(Task<int> t)
            {
                var x = t.{|CONC0101:Result|};
                await t;
                return x;
            }
        }
        """);

    [Fact]
    public Task Non_task_Result_and_Wait_members_are_not_reported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading.Tasks;
        class Job { public int Result => 1; public void Wait() { } }
        class C
        {
            async Task<int> M(Job job)
            {
                await Task.Yield();
                job.Wait();
                return job.Result;
            }
        }
        """);

    [Fact]
    public Task Generated_code_is_not_reported() => Verify.VerifyAnalyzerAsync("""
        // <auto-generated/>
        using System.Threading.Tasks;
        class C
        {
            async Task<int> M(Task<int> t) { await Task.Yield(); return t.Result; }
        }
        """);
}
