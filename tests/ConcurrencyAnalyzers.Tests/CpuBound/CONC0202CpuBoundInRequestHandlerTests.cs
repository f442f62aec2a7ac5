using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    ConcurrencyAnalyzers.CpuBound.CONC0202CpuBoundInRequestHandlerAnalyzer,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace ConcurrencyAnalyzers.Tests.CpuBound;

public class CONC0202CpuBoundInRequestHandlerTests
{
    public static IEnumerable<object[]> LanguageVersions => Verify.LanguageVersions;

    // ---- Positives -------------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Heavy_work_in_every_kind_of_async_handler_is_reported(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System.Security.Cryptography;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Mvc.RazorPages;

        public class AccountsController : ControllerBase
        {
            public async Task<IActionResult> Register(string password, byte[] salt)
            {
                var key = Rfc2898DeriveBytes.[|Pbkdf2(password, salt, 600_000, HashAlgorithmName.SHA256, 32)|];
                await Task.Yield();
                return Ok(key.Length);
            }
        }

        public class ReportModel : PageModel
        {
            public async Task OnGetAsync()
            {
                long s = 0;
                [|for (var i = 0; i < 100_000_000; i++)|] s += i;
                await Task.Yield();
            }
        }

        public static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                app.MapGet("/sum", async (HttpContext context) =>
                {
                    long s = 0;
                    [|for (var i = 0; i < 100_000_000; i++)|] s += i;
                    await context.Response.WriteAsync(s.ToString());
                });

                app.MapGet("/local", Local);

                async Task Local(HttpContext context)
                {
                    long s = 0;
                    [|for (var i = 0; i < 100_000_000; i++)|] s += i;
                    await context.Response.WriteAsync(s.ToString());
                }
            }
        }
        """, version);

    [Fact]
    public Task Message_points_at_Parallel_For_for_independent_loops_and_never_at_Task_Run() => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        public class ImagesController : ControllerBase
        {
            public async Task<IActionResult> Scale(double[] input, double[] output)
            {
                {|#0:for (var i = 0; i < 30_000_000; i++)|}
                {
                    output[i] = Math.Sqrt(input[i]);
                }

                await Task.Yield();
                return Ok();
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments(
            "The 'for' loop", "'ImagesController.Scale'", "about 10^7 iterations (30,000,000)",
            "split it with 'Parallel.For' if it is large, use a cheaper algorithm, or move it to a background queue (Task.Run only moves it to another pool thread)"));

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Expression_bodied_actions_of_generic_and_partial_controllers_are_reported(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;

        public partial class StatsController<T> : ControllerBase
        {
            public async Task<int> Count() => await Task.FromResult(Enumerable.Range(0, 50_000_000).[|Count(i => i % 7 == 0)|]);
        }

        public partial class StatsController<T>
        {
            public async Task<long> Sum()
            {
                long s = 0;
                [|for (var i = 0; i < 100_000_000; i++)|] s += i;
                await Task.Yield();
                return s;
            }
        }
        """, version);

    // ---- Negatives -------------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Plain_async_code_sync_handlers_and_cheap_handlers_are_not_reported(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;

        public class Worker
        {
            // Not a handler: CONC0201's.
            public async Task RunAsync()
            {
                long s = 0;
                for (var i = 0; i < 100_000_000; i++) s += i;
                await Task.Yield();
            }
        }

        public class HealthController : ControllerBase
        {
            // Synchronous handler: blocking is CONC0104's; CPU work here is not async code.
            public IActionResult Sum()
            {
                long s = 0;
                for (var i = 0; i < 100_000_000; i++) s += i;
                return Ok(s);
            }

            public async Task<IActionResult> Small()
            {
                var s = 0;
                for (var i = 0; i < 100; i++) s += i;
                await Task.Yield();
                return Ok(s);
            }

            public async Task<IActionResult> Offloaded()
            {
                var s = await Task.Run(() => { long t = 0; for (var i = 0; i < 100_000_000; i++) t += i; return t; });
                return Ok(s);
            }

            [NonAction]
            public async Task Helper()
            {
                long s = 0;
                for (var i = 0; i < 100_000_000; i++) s += i;
                await Task.Yield();
            }
        }
        """, version);

    [Fact]
    public Task Generated_code_is_not_reported() => Verify.VerifyAnalyzerAsync("""
        // <auto-generated/>
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        public class GeneratedController : ControllerBase
        {
            public async Task<IActionResult> Sum()
            {
                long s = 0;
                for (var i = 0; i < 100_000_000; i++) s += i;
                await Task.Yield();
                return Ok(s);
            }
        }
        """);

    [Fact]
    public Task The_threshold_is_an_editorconfig_option() => Verify.VerifyAnalyzerAsync("""
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        public class HealthController : ControllerBase
        {
            public async Task<IActionResult> Small()
            {
                var s = 0;
                [|for (var i = 0; i < 10_000; i++)|] s += i;
                await Task.Yield();
                return Ok(s);
            }
        }
        """, LanguageVersion.CSharp12, "CONC0202.min_operations = 1000");
}
