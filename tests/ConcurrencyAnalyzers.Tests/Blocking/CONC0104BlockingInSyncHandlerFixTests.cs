using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    ConcurrencyAnalyzers.Blocking.CONC0104BlockingInSyncHandlerAnalyzer,
    ConcurrencyAnalyzers.CodeFixes.Blocking.CONC0104BlockingInSyncHandlerCodeFix>;

namespace ConcurrencyAnalyzers.Tests.Blocking;

public class CONC0104BlockingInSyncHandlerFixTests
{
    [Fact]
    public Task Controller_action_becomes_async_and_awaits_every_blocking_call_with_the_request_token() => Verify.VerifyCodeFixAsync("""
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        public class OrdersController : ControllerBase
        {
            private readonly Task<string> _pending = Task.Run(() => "x");

            public IActionResult Get(int id)
            {
                var text = System.IO.File.{|CONC0104:ReadAllText("orders.json")|};
                Thread.{|CONC0104:Sleep(10)|};
                return Ok(_pending.{|CONC0104:Result|} + text);
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        public class OrdersController : ControllerBase
        {
            private readonly Task<string> _pending = Task.Run(() => "x");

            public async Task<IActionResult> Get(int id)
            {
                var text = await System.IO.File.ReadAllTextAsync("orders.json", HttpContext.RequestAborted);
                await Task.Delay(10, HttpContext.RequestAborted);
                return Ok(await _pending + text);
            }
        }
        """);

    [Fact]
    public Task Void_handler_becomes_Task_and_the_using_is_added() => Verify.VerifyCodeFixAsync("""
        using Microsoft.AspNetCore.Mvc.RazorPages;
        public class IndexModel : PageModel
        {
            public string Text { get; private set; } = "";

            public void OnGet()
            {
                Text = System.IO.File.{|CONC0104:ReadAllText("index.txt")|};
            }
        }
        """, """
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc.RazorPages;
        public class IndexModel : PageModel
        {
            public string Text { get; private set; } = "";

            public async Task OnGet()
            {
                Text = await System.IO.File.ReadAllTextAsync("index.txt", HttpContext.RequestAborted);
            }
        }
        """);

    [Fact]
    public Task Minimal_api_lambdas_become_async_unless_that_changes_the_overload() => new Verify.Test
    {
        // The diagnostic left without a fix is expected in the fixed state too.
        FixedState = { MarkupHandling = MarkupMode.Allow },
        TestCode = """
        using System.IO;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                app.MapGet("/orders", () => File.{|CONC0104:ReadAllText("orders.json")|});
                // Made async, this one would bind to the RequestDelegate overload and stop writing its result: no fix.
                app.MapGet("/report", (HttpContext context) => File.{|CONC0104:ReadAllText("report.json")|});
            }
        }
        """,
        FixedCode = """
        using System.IO;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                app.MapGet("/orders", async () => await File.ReadAllTextAsync("orders.json"));
                // Made async, this one would bind to the RequestDelegate overload and stop writing its result: no fix.
                app.MapGet("/report", (HttpContext context) => File.{|CONC0104:ReadAllText("report.json")|});
            }
        }
        """,
    }.RunAsync();

    [Fact]
    public Task Nameof_references_and_static_lambdas_do_not_stop_the_fix() => Verify.VerifyCodeFixAsync("""
        using System.IO;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Mvc;
        public class OrdersController : ControllerBase
        {
            public string Get(int id) => System.IO.File.{|CONC0104:ReadAllText("x")|};
            public IActionResult Create() => CreatedAtAction(nameof(Get), new { id = 1 }, null);
        }
        static class Endpoints
        {
            public static void Map(WebApplication app) => app.MapGet("/", static () => File.{|CONC0104:ReadAllText("x")|});
        }
        """, """
        using System.IO;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Mvc;
        public class OrdersController : ControllerBase
        {
            public async Task<string> Get(int id) => await System.IO.File.ReadAllTextAsync("x", HttpContext.RequestAborted);
            public IActionResult Create() => CreatedAtAction(nameof(Get), new { id = 1 }, null);
        }
        static class Endpoints
        {
            public static void Map(WebApplication app) => app.MapGet("/", static async () => await File.ReadAllTextAsync("x"));
        }
        """);

    [Fact]
    public Task No_fix_for_lambdas_with_an_explicit_return_type_or_a_cast()
    {
        var source = """
            using System;
            using System.IO;
            using Microsoft.AspNetCore.Builder;
            static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", string () => File.{|CONC0104:ReadAllText("a")|});
                    app.MapGet("/b", (Func<string>)(() => File.{|CONC0104:ReadAllText("b")|}));
                }
            }
            """;
        return Verify.VerifyCodeFixAsync(source, source);
    }

    [Fact]
    public Task No_fix_where_the_signature_is_a_contract_or_has_callers()
    {
        var source = """
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.Filters;
            namespace Grpc.Core { public sealed class BindServiceMethodAttribute : System.Attribute { } }
            namespace App
            {
                [Grpc.Core.BindServiceMethod]
                public abstract class GreeterBase { public virtual string SayHello(string name) => name; }
                public class Greeter : GreeterBase
                {
                    public override string SayHello(string name) { Thread.{|CONC0104:Sleep(5)|}; return name; }
                }

                public class AuditFilter : IActionFilter
                {
                    public void OnActionExecuting(ActionExecutingContext context) => Thread.{|CONC0104:Sleep(5)|};
                    public void OnActionExecuted(ActionExecutedContext context) { }
                }

                public class TimingMiddleware
                {
                    private readonly RequestDelegate _next;
                    public TimingMiddleware(RequestDelegate next) => _next = next;
                    public Task Invoke(HttpContext context) { Thread.{|CONC0104:Sleep(5)|}; return _next(context); }
                }

                public class OrdersController : ControllerBase
                {
                    public string Get() => System.IO.File.{|CONC0104:ReadAllText("x")|};
                    public string Twice() => {|CONC0104:Get()|} + {|CONC0104:Get()|};
                }

                static class Endpoints
                {
                    public static void Map(WebApplication app) =>
                        app.Run(context => { Thread.{|CONC0104:Sleep(5)|}; return Task.CompletedTask; });

                    // Made async, this lambda would bind to MapPost's RequestDelegate overload, which returns another builder.
                    public static void Hook(WebApplication app) =>
                        app.MapPost("/hook", (HttpContext context) => { Thread.{|CONC0104:Sleep(5)|}; }).WithName("hook");
                }

                public class BaseController : ControllerBase
                {
                    public virtual string Virtual() => System.IO.File.{|CONC0104:ReadAllText("v")|};
                    public string Shared() => System.IO.File.{|CONC0104:ReadAllText("s")|};
                    public IActionResult Save(string body)
                    {
                        using (var scope = new System.Transactions.TransactionScope())
                        {
                            System.IO.File.{|CONC0104:WriteAllText("orders.json", body)|};
                            scope.Complete();
                        }

                        return Ok();
                    }
                }

                public interface IShared { string Shared(); }
                public class DerivedController : BaseController, IShared { }
            }
            """;
        return Verify.VerifyCodeFixAsync(source, source);
    }

    [Fact]
    public Task Helper_diagnostics_have_no_fix()
    {
        var source = """
            using Microsoft.AspNetCore.Mvc;
            public class Repository { public string Get() => System.IO.File.ReadAllText("x"); }
            public class OrdersController : ControllerBase
            {
                private readonly Repository _repository = new Repository();
                public string Get() => _repository.{|CONC0104:Get()|};
            }
            """;
        return Verify.VerifyCodeFixAsync(source, source);
    }

    [Fact]
    public Task Fix_all_converts_every_handler_of_the_project() => new Verify.Test
    {
        TestState =
        {
            Sources =
            {
                """
                using System.Threading;
                using Microsoft.AspNetCore.Mvc;
                public class AController : ControllerBase
                {
                    public IActionResult One() { Thread.{|CONC0104:Sleep(1)|}; Thread.{|CONC0104:Sleep(2)|}; return Ok(); }
                }
                """,
                """
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Mvc;
                public class BController : ControllerBase
                {
                    public int Two(Task<int> t) => t.{|CONC0104:Result|};
                }
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
                using Microsoft.AspNetCore.Mvc;
                public class AController : ControllerBase
                {
                    public async Task<IActionResult> One() { await Task.Delay(1, HttpContext.RequestAborted); await Task.Delay(2, HttpContext.RequestAborted); return Ok(); }
                }
                """,
                """
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Mvc;
                public class BController : ControllerBase
                {
                    public async Task<int> Two(Task<int> t) => await t;
                }
                """,
            },
        },
        CodeFixTestBehaviors = CodeFixTestBehaviors.None,
    }.RunAsync();
}
