using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    ConcurrencyAnalyzers.Blocking.CONC0104BlockingInSyncHandlerAnalyzer,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace ConcurrencyAnalyzers.Tests.Blocking;

public class CONC0104BlockingInSyncHandlerTests
{
    // Minimal APIs need lambdas with natural types (C# 10).
    public static IEnumerable<object[]> LanguageVersions { get; } = new[]
    {
        new object[] { LanguageVersion.CSharp10 },
        new object[] { LanguageVersion.CSharp13 },
    };

    // ---- Handlers of every kind ------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Controller_actions_are_handlers(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        public class OrdersController : ControllerBase
        {
            public IActionResult Get(int id, Task<string> pending)
            {
                var text = System.IO.File.{|CONC0104:ReadAllText("orders.json")|};
                Thread.{|CONC0104:Sleep(10)|};
                return Ok(pending.{|CONC0104:Result|} + text);
            }

            [NonAction]
            public string Helper(Task<string> pending) => pending.Result;

            private string Private(Task<string> pending) => pending.Result;
        }

        [ApiController]
        public class PlainApi
        {
            public string Get(Task<string> pending) => pending.{|CONC0104:Result|};
        }
        """, version);

    [Fact]
    public Task Message_names_the_call_the_handler_and_the_remedy() => Verify.VerifyAnalyzerAsync("""
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        public class OrdersController : ControllerBase
        {
            public string Get(Task<string> pending) => pending.{|#0:Result|};
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("'Task<string>.Result'", "'OrdersController.Get'", "await the task"));

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Minimal_api_lambdas_local_functions_and_inline_middleware_are_handlers(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Routing;
        static class Endpoints
        {
            public static void Map(WebApplication app, Task<int> pending)
            {
                app.MapGet("/orders", () => File.{|CONC0104:ReadAllText("orders.json")|});
                var group = app.MapGroup("/api");
                group.MapPost("/sleep", () => { Thread.{|CONC0104:Sleep(10)|}; return "ok"; });
                app.MapGet("/local", Local);
                app.Use((context, next) => { Thread.{|CONC0104:Sleep(5)|}; return next(context); });
                app.Run(context => { pending.{|CONC0104:Wait()|}; return Task.CompletedTask; });

                string Local() => pending.{|CONC0104:Result|}.ToString();
            }
        }
        """, version);

    [Fact]
    public Task A_registered_function_s_own_calls_are_reported_once_wherever_it_is_registered() => Verify.VerifyAnalyzerAsync("""
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Mvc;
        static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                app.MapGet("/", () =>
                {
                    Thread.{|CONC0104:Sleep(5)|};
                    return Task.Run(() => File.ReadAllText("x"));
                });
                app.MapGet("/local", Local);
                Thread.Sleep(1);

                string Local()
                {
                    System.Func<string> later = () => File.ReadAllText("y");
                    return File.{|CONC0104:ReadAllText("z")|} + later();
                }
            }
        }
        public class SetupController : ControllerBase
        {
            public void Setup(WebApplication app)
            {
                app.MapGet("/inner", () => System.IO.File.{|CONC0104:ReadAllText("x")|});
                Thread.{|CONC0104:Sleep(1)|};
            }
        }
        """);

    [Fact]
    public Task Razor_pages_hubs_middleware_grpc_and_filters_are_handlers() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc.Filters;
        using Microsoft.AspNetCore.Mvc.RazorPages;
        using Microsoft.AspNetCore.SignalR;
        namespace Grpc.Core { public sealed class BindServiceMethodAttribute : System.Attribute { } }
        namespace App
        {
            public class IndexModel : PageModel
            {
                public void OnGet(Task<int> pending) => pending.{|CONC0104:Wait()|};
                public void Refresh(Task<int> pending) => pending.Wait();
            }

            public class ChatHub : Hub
            {
                public string Send(Task<string> pending) => pending.{|CONC0104:Result|};
            }

            public class TimingMiddleware
            {
                private readonly RequestDelegate _next;
                public TimingMiddleware(RequestDelegate next) => _next = next;
                public Task Invoke(HttpContext context) { Thread.{|CONC0104:Sleep(5)|}; return _next(context); }
            }

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

            public class TimingAttribute : Microsoft.AspNetCore.Mvc.Filters.ActionFilterAttribute
            {
                public override void OnActionExecuting(ActionExecutingContext context) => Thread.{|CONC0104:Sleep(5)|};
            }
        }
        """);

    [Fact]
    public Task Configured_attributes_and_base_types_are_handlers_and_unknown_names_are_ignored() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;
        namespace App
        {
            public sealed class EndpointAttribute : System.Attribute { }
            public abstract class CommandHandler { }
            public class Commands
            {
                [Endpoint] public void Run() => Thread.{|CONC0104:Sleep(5)|};
                public void NotAnEndpoint() => Thread.Sleep(5);
            }
            public class CreateOrder : CommandHandler { public void Handle() => Thread.{|CONC0104:Sleep(5)|}; }
        }
        """, editorConfig: "CONC0104.handler_attributes = App.EndpointAttribute, No.Such.Type\nCONC0104.handler_base_types = App.CommandHandler");

    // ---- Helpers -----------------------------------------------------------------------------------------------

    [Fact]
    public Task A_blocking_sync_helper_is_reported_at_the_handlers_call_naming_the_blocking_call() => Verify.VerifyAnalyzerAsync("""
        using System.IO;
        using Microsoft.AspNetCore.Mvc;
        public class Repository
        {
            public string Get(int id) => Load(id);
            private string Load(int id) => File.{|#1:ReadAllText("orders.json")|};
            public int Count() => 3;
        }
        public class OrdersController : ControllerBase
        {
            private readonly Repository _repository = new Repository();
            public IActionResult Invoice(int id) => Ok(_repository.{|#0:Get(id)|} + _repository.Count());
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
            "'Repository.Get' (which calls 'File.ReadAllText')", "'OrdersController.Invoice'", "give 'Repository.Get' an async form to await"));

    [Fact]
    public Task Helpers_are_followed_a_few_levels_deep_and_cycles_end() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;
        using Microsoft.AspNetCore.Mvc;
        public class Chain
        {
            public void A() => B();
            public void B() => C();
            public void C() => Thread.Sleep(5);
            public void Deep() => A();
            public void Ping(int n) { if (n > 0) Pong(n - 1); }
            public void Pong(int n) { if (n > 0) Ping(n - 1); }
        }
        public class ChainController : ControllerBase
        {
            private readonly Chain _chain = new Chain();
            public void Three() => _chain.{|CONC0104:A()|};
            public void Four() => _chain.Deep();
            public void Cycle() => _chain.Ping(3);
        }
        """);

    [Fact]
    public Task Abstract_base_actions_and_controller_filter_overrides_are_handlers_and_plain_Invoke_methods_are_not() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Mvc.Filters;
        public abstract class ApiBase : ControllerBase
        {
            public string Ping() { Thread.{|CONC0104:Sleep(5)|}; return "pong"; }
        }
        public class HomeController : Controller
        {
            // Not an action ([NonAction] on the base), but Controller is an IActionFilter: it runs for every request.
            public override void OnActionExecuting(ActionExecutingContext context) => Thread.{|CONC0104:Sleep(5)|};
        }
        public class NotMiddleware
        {
            public void Invoke(HttpContext context) => Thread.Sleep(5);
        }
        """);

    [Fact]
    public Task Poco_controllers_are_handlers_and_a_recursive_handler_is_reported_once() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;
        public class HomeController
        {
            public string Index() { Thread.{|CONC0104:Sleep(5)|}; return "home"; }
            public string Walk(int n) => n > 0 ? Walk(n - 1) : System.IO.File.{|CONC0104:ReadAllText("x")|};
        }
        """);

    // ---- Negatives ---------------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Async_handlers_offloaded_work_and_non_handlers_are_not_reported(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Mvc;
        public class OrdersController : ControllerBase
        {
            public async Task<IActionResult> GetAsync(Task<string> pending) => Ok(await pending);
            public IActionResult Offloaded() => Ok(Task.Run(() => System.IO.File.ReadAllText("x")));
            public IActionResult Completed() => Ok(Task.FromResult(1).Result);
        }
        public class Service
        {
            public string Read() => File.ReadAllText("x");
            public void Nap() => Thread.Sleep(5);
        }
        static class Endpoints
        {
            public static void Map(WebApplication app) => app.MapGet("/", async () => await File.ReadAllTextAsync("x"));
            public static void NotAnEndpoint() => new System.Action(() => Thread.Sleep(5))();
        }
        """, version);
}
