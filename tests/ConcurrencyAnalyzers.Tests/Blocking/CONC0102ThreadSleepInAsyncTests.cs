using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    ConcurrencyAnalyzers.Blocking.CONC0102ThreadSleepInAsyncAnalyzer,
    ConcurrencyAnalyzers.CodeFixes.Blocking.CONC0102ThreadSleepInAsyncCodeFix>;

namespace ConcurrencyAnalyzers.Tests.Blocking;

public class CONC0102ThreadSleepInAsyncTests
{
    public static IEnumerable<object[]> LanguageVersions => Verify.LanguageVersions;

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Sleep_in_async_method_lambda_and_local_function_is_reported(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        class C
        {
            async Task M()
            {
                Thread.{|CONC0102:Sleep(100)|};
                Thread.{|CONC0102:Sleep(TimeSpan.FromSeconds(1))|};
                Func<Task> f = async () => Thread.{|CONC0102:Sleep(10)|};
                async Task Local() { await Task.Yield(); Thread.{|CONC0102:Sleep(10)|}; }
                await f();
            }
        }
        """, version);

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Sleep_outside_async_code_or_of_zero_is_not_reported(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;
        class Sleeper { public static void Sleep(int ms) { } }
        class C
        {
            void Sync() => Thread.Sleep(100);
            async Task M()
            {
                Thread.Sleep(0);
                Thread.Sleep(System.TimeSpan.Zero);
                Sleeper.Sleep(100);
                await Task.Run(() => Thread.Sleep(100));
                void Local() => Thread.Sleep(100);
                Local();
            }
        }
        """, version);

    [Fact]
    public Task Message_names_the_remedy() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;
        class C { async Task M() { await Task.Yield(); Thread.{|#0:Sleep(5)|}; } }
        """,
        Verify.Diagnostic().WithLocation(0).WithMessage("'Thread.Sleep' blocks the thread for the whole delay; use 'await Task.Delay' instead"));

    [Fact]
    public Task Fix_uses_Task_Delay_and_forwards_the_token_in_scope() => Verify.VerifyCodeFixAsync("""
        using System.Threading;
        using System.Threading.Tasks;
        class C
        {
            async Task Poll(CancellationToken cancellationToken)
            {
                Thread.{|CONC0102:Sleep(250)|};
            }

            async Task NoToken()
            {
                Thread.{|CONC0102:Sleep(250)|};
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;
        class C
        {
            async Task Poll(CancellationToken cancellationToken)
            {
                await Task.Delay(250, cancellationToken);
            }

            async Task NoToken()
            {
                await Task.Delay(250);
            }
        }
        """);

    [Fact]
    public Task Fix_adds_the_tasks_using_when_missing() => Verify.VerifyCodeFixAsync("""
        using System;
        using System.Threading;
        class C
        {
            async void OnClick(object sender, EventArgs e)
            {
                Thread.{|CONC0102:Sleep(TimeSpan.FromMilliseconds(50))|};
            }
        }
        """, """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        class C
        {
            async void OnClick(object sender, EventArgs e)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50));
            }
        }
        """);

    [Fact]
    public Task Fix_uses_the_lambdas_token_and_keeps_ConfigureAwait() => Verify.VerifyCodeFixAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        class C
        {
            Func<CancellationToken, Task> Work => async ct =>
            {
                await Task.CompletedTask.ConfigureAwait(false);
                Thread.{|CONC0102:Sleep(10)|};
            };
        }
        """, """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        class C
        {
            Func<CancellationToken, Task> Work => async ct =>
            {
                await Task.CompletedTask.ConfigureAwait(false);
                await Task.Delay(10, ct).ConfigureAwait(false);
            };
        }
        """);

    [Fact]
    public Task Fix_drops_the_argument_name_that_Task_Delay_does_not_share() => Verify.VerifyCodeFixAsync("""
        using System.Threading;
        using System.Threading.Tasks;
        class C { async Task M() { Thread.{|CONC0102:Sleep(millisecondsTimeout: 100)|}; } }
        """, """
        using System.Threading;
        using System.Threading.Tasks;
        class C { async Task M() { await Task.Delay(100); } }
        """);

    [Fact]
    public Task Fix_takes_the_token_of_the_innermost_function_only() => Verify.VerifyCodeFixAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        class C
        {
            async Task M(CancellationToken ct)
            {
                // Background work may outlive ct's owner: the outer token is not borrowed.
                _ = Task.Run(async () => { Thread.{|CONC0102:Sleep(1000)|}; await Task.Yield(); });
                Func<Task> f = static async () => { Thread.{|CONC0102:Sleep(10)|}; await Task.Yield(); };
                Thread.{|CONC0102:Sleep(5)|};
                await f();
            }

            async Task Escaped(CancellationToken @event)
            {
                Thread.{|CONC0102:Sleep(5)|};
            }
        }
        """, """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        class C
        {
            async Task M(CancellationToken ct)
            {
                // Background work may outlive ct's owner: the outer token is not borrowed.
                _ = Task.Run(async () => { await Task.Delay(1000); await Task.Yield(); });
                Func<Task> f = static async () => { await Task.Delay(10); await Task.Yield(); };
                await Task.Delay(5, ct);
                await f();
            }

            async Task Escaped(CancellationToken @event)
            {
                await Task.Delay(5, @event);
            }
        }
        """);

    [Fact]
    public Task HttpContext_token_comes_only_from_the_types_own_methods() => Verify.VerifyCodeFixAsync("""
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        public class HomeController : ControllerBase
        {
            public async Task<IActionResult> Index()
            {
                Thread.{|CONC0102:Sleep(5)|};
                return Ok();
            }

            public class Worker
            {
                public async Task Run() { Thread.{|CONC0102:Sleep(5)|}; await Task.Yield(); }
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        public class HomeController : ControllerBase
        {
            public async Task<IActionResult> Index()
            {
                await Task.Delay(5, HttpContext.RequestAborted);
                return Ok();
            }

            public class Worker
            {
                public async Task Run() { await Task.Delay(5); await Task.Yield(); }
            }
        }
        """);

    [Fact]
    public Task No_fix_inside_a_lock()
    {
        var source = """
            using System.Threading;
            using System.Threading.Tasks;
            class C
            {
                private readonly object _gate = new object();
                async Task M() { await Task.Yield(); lock (_gate) { Thread.{|CONC0102:Sleep(10)|}; } }
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
                "using System.Threading; using System.Threading.Tasks; class A { async Task M() { Thread.{|CONC0102:Sleep(1)|}; Thread.{|CONC0102:Sleep(2)|}; } }",
                "using System.Threading; using System.Threading.Tasks; class B { async Task M(CancellationToken ct) { Thread.{|CONC0102:Sleep(3)|}; } }",
            },
        },
        FixedState =
        {
            Sources =
            {
                "using System.Threading; using System.Threading.Tasks; class A { async Task M() { await Task.Delay(1); await Task.Delay(2); } }",
                "using System.Threading; using System.Threading.Tasks; class B { async Task M(CancellationToken ct) { await Task.Delay(3, ct); } }",
            },
        },
        CodeFixTestBehaviors = CodeFixTestBehaviors.None,
    }.RunAsync();
}
