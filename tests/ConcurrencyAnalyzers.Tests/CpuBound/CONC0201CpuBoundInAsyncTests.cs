using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    ConcurrencyAnalyzers.CpuBound.CONC0201CpuBoundInAsyncAnalyzer,
    ConcurrencyAnalyzers.CodeFixes.CpuBound.CONC0201CpuBoundInAsyncCodeFix>;

namespace ConcurrencyAnalyzers.Tests.CpuBound;

public class CONC0201CpuBoundInAsyncTests
{
    public static IEnumerable<object[]> LanguageVersions => Verify.LanguageVersions;

    // ---- Positives -------------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Heavy_loops_and_calls_in_async_methods_lambdas_and_local_functions_are_reported(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Linq;
        using System.Security.Cryptography;
        using System.Threading.Tasks;
        class C
        {
            async Task<long> SumAsync(int[] data)
            {
                long sum = 0;
                [|for (var i = 0; i < 100_000_000; i++)|]
                {
                    sum += i % 7;
                }

                await Task.Yield();
                return sum;
            }

            async Task<byte[]> HashAsync(string password, byte[] salt)
            {
                var key = Rfc2898DeriveBytes.[|Pbkdf2(password, salt, 600_000, HashAlgorithmName.SHA256, 32)|];
                await Task.Delay(1);
                return key;
            }

            async Task FanOutAsync(int[] items)
            {
                await Task.WhenAll(items.Select(async item =>
                {
                    var acc = 0.0;
                    [|foreach (var k in Enumerable.Range(0, 20_000_000))|]
                        acc += Math.Sqrt(k * item);
                    await Task.Delay(1);
                }));

                async Task LocalAsync()
                {
                    await Task.Yield();
                    [|while (true)|]
                    {
                        for (var j = 0; j < 1_000_000; j++) { }
                    }
                }

                await LocalAsync();
            }
        }
        """, version);

    [Fact]
    public Task Message_names_the_loop_the_function_the_cost_and_where_it_runs() => Verify.VerifyAnalyzerAsync("""
        using System.Threading.Tasks;
        class ImageService
        {
            async Task<int> ResizeAsync(int[] pixels)
            {
                var total = 0;
                {|#0:for (var y = 0; y < 4_000; y++)|}
                    for (var x = 0; x < 4_000; x++)
                        total += (y * x) & 0xFF;
                await Task.Yield();
                var after = 0;
                {|#1:for (var i = 0; i < 50_000_000; i++)|}
                    after ^= i;
                return total + after;
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments(
            "The 'for' loop", "'ImageService.ResizeAsync'", "about 10^7 iterations (4,000 × 4,000)",
            "before its first await, on the caller's thread", "offload it with 'await Task.Run(...)'"),
        Verify.Diagnostic().WithLocation(1).WithArguments(
            "The 'for' loop", "'ImageService.ResizeAsync'", "about 10^8 iterations (50,000,000)",
            "after an await, on the thread that resumes the method", "offload it with 'await Task.Run(...)'"));

    [Fact]
    public Task Independent_loops_mention_Parallel_For() => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        class C
        {
            private static long s_calls;

            async Task M(double[] input, double[] output, double[][] rows, List<double> log)
            {
                {|#0:for (var i = 0; i < 30_000_000; i++)|}
                {
                    output[i % 10] = 0;
                }

                {|#1:for (var i = 0; i < 30_000_000; i++)|}
                {
                    output[i] = Math.Sqrt(input[i]) * 2.0;
                }

                {|#2:for (var i = 0; i < 30_000_000; i++)|}
                {
                    var scratch = new double[2];
                    scratch[0] = Gain(input[i]);
                    output[i] = scratch[0] + Gain(scratch[1]);
                }

                {|#3:for (var i = 0; i < 30_000_000; i++)|}
                {
                    output[i] = Counted(input[i]);
                }

                {|#4:for (var i = 0; i < 30_000_000; i++)|}
                {
                    var row = rows[0];
                    row[0] = input[i];
                }

                {|#5:for (var i = 0; i < 30_000_000; i++)|}
                {
                    var sink = log;
                    sink.Add(input[i]);
                }

                await Task.Yield();
            }

            private static double Gain(double x) => Math.Abs(x) < 1e-9 ? 0 : Math.Log(Math.Abs(x)) * 3.0;

            private static double Counted(double x)
            {
                s_calls++;
                return x * 2;
            }
        }
        """,
        Expected(0, parallel: false),
        Expected(1, parallel: true),
        Expected(2, parallel: true),
        Expected(3, parallel: false),
        Expected(4, parallel: false),
        Expected(5, parallel: false));

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Expected(int location, bool parallel) =>
        Verify.Diagnostic().WithLocation(location).WithArguments(
            "The 'for' loop", "'C.M'", "about 10^7 iterations (30,000,000)",
            "before its first await, on the caller's thread",
            parallel ? "offload it with 'await Task.Run(...)', or split it with 'Parallel.For' inside it" : "offload it with 'await Task.Run(...)'");

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Heavy_sync_helpers_are_reported_where_async_code_calls_them(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System.Threading.Tasks;
        class Report
        {
            public async Task<int> BuildAsync()
            {
                var checksum = [|Checksum()|];
                await Task.Yield();
                return checksum;
            }

            // A synchronous helper is not async code: it is reported only where async code calls it.
            private static int Checksum()
            {
                var c = 0;
                for (var i = 0; i < 100_000_000; i++) c = (c * 31) + i;
                return c;
            }
        }
        """, version);

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Expression_bodies_generics_and_partial_classes_are_covered(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System.Linq;
        using System.Threading.Tasks;
        partial class Stats<T>
        {
            public async Task<int> CountAsync<TItem>(TItem[] items) => await Task.FromResult(Enumerable.Range(0, 50_000_000).[|Count(i => i % 3 == 0)|]);
        }

        partial class Stats<T>
        {
            public async Task<long> TotalAsync()
            {
                long t = 0;
                [|for (long i = 0; i < 100_000_000L; i++)|] t += i;
                await Task.Yield();
                return t;
            }
        }
        """, version);

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task A_LINQ_chain_is_reported_where_it_is_enumerated_and_an_awaited_collection_does_not_hide_the_loop(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        class C
        {
            async Task<int> M()
            {
                var doubled = Enumerable.Range(0, 50_000_000).Select(i => i * 2).Where(i => i % 3 == 0).[|ToList()|];
                var total = 0;
                [|foreach (var n in await LoadAsync())|]
                {
                    for (var k = 0; k < 100_000; k++) total += n ^ k;
                }

                return doubled.Count + total;
            }

            Task<List<int>> LoadAsync() => Task.FromResult(new List<int> { 1, 2, 3 });
        }
        """, version);

    [Fact]
    public Task A_loop_that_is_heavy_on_its_own_is_reported_inside_a_lighter_loop_of_assumed_count() => Verify.VerifyAnalyzerAsync("""
        using System.Threading.Tasks;
        class C
        {
            async Task<long> ScanAsync(int limit, int[] data)
            {
                await Task.Yield();
                long total = 0;
                // Doubling up to an unknown limit is assumed to take about ten rounds, and data inside them to be small,
                // so the outer loop's estimate stays under the threshold; the foreach over data, on its own, does not.
                for (var step = 1; step < limit; step *= 2)
                {
                    [|foreach (var value in data)|]
                    {
                        for (var k = 0; k < 10_000; k++)
                            total += value ^ k;
                    }
                }

                return total;
            }
        }
        """);

    // ---- Negatives -------------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Offloaded_cheap_awaiting_and_IO_loops_are_not_reported(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.IO;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        class C
        {
            async Task M(string[] paths, int[] data, CancellationToken token)
            {
                // Already offloaded.
                var sum = await Task.Run(() => { long s = 0; for (var i = 0; i < 100_000_000; i++) s += i; return s; });
                await Task.Run(async () => { for (var i = 0; i < 100_000_000; i++) { } await Task.Yield(); });
                await Task.Factory.StartNew(() => { for (var i = 0; i < 100_000_000; i++) { } });
                Parallel.For(0, 100_000_000, i => { });
                var plinq = data.AsParallel().Select(x => Enumerable.Range(0, 100_000_000).Sum()).ToArray();

                // Cheap.
                var small = 0;
                for (var i = 0; i < 1_000; i++) small += i;
                foreach (var x in data) small += x;

                // Awaits inside: not CPU-bound.
                for (var i = 0; i < 100_000_000; i++)
                {
                    if (i % 1000 == 0) await Task.Delay(1, token);
                }

                // I/O, not CPU.
                for (var i = 0; i < 100_000_000; i++)
                {
                    File.AppendAllText(paths[0], "x");
                }
            }
        }
        """, version);

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Sync_code_sync_lambdas_and_helpers_not_called_from_async_code_are_not_reported(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Threading.Tasks;
        class C
        {
            long Sync()
            {
                long s = 0;
                for (var i = 0; i < 100_000_000; i++) s += i;
                return s;
            }

            async Task M()
            {
                Func<long> later = () => { long s = 0; for (var i = 0; i < 100_000_000; i++) s += i; return s; };
                long Local() { long s = 0; for (var i = 0; i < 100_000_000; i++) s += i; return s; }
                await Task.Yield();
                _ = later;
                _ = (Func<long>)Local;
            }

            Task<long> NotAsync() => Task.FromResult(3L);
        }
        """, version);

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Top_level_statements_run_nothing_else_on_their_thread_but_their_async_lambdas_are_reported(LanguageVersion version) => new Verify.Test
    {
        LanguageVersion = version,
        TestState = { OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication },
        TestCode = """
            using System.Linq;
            using System.Threading.Tasks;
            long s = 0;
            for (var i = 0; i < 100_000_000; i++) s += i;
            await Task.WhenAll(new[] { 1, 2 }.Select(async n =>
            {
                long t = 0;
                [|for (var i = 0; i < 100_000_000; i++)|] t += i * n;
                await Task.Yield();
                return t;
            }));
            System.Console.WriteLine(s);
            """,
    }.RunAsync();

    [Fact]
    public Task Async_lambdas_and_local_functions_are_reported_wherever_they_are_declared() => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Threading.Tasks;
        class C
        {
            // A field initializer.
            Func<Task<long>> _field = async () =>
            {
                await Task.Yield();
                long s = 0;
                [|for (var i = 0; i < 100_000_000; i++)|] s += i;
                return s;
            };

            // A synchronous method, a synchronous lambda around an async one, and a heavy loop around another.
            void Register(Action<Func<Task>> add)
            {
                async Task LocalAsync()
                {
                    await Task.Yield();
                    long s = 0;
                    [|for (var i = 0; i < 100_000_000; i++)|] s += i;
                }

                Action outer = () => add(async () =>
                {
                    await Task.Yield();
                    long s = 0;
                    [|for (var i = 0; i < 100_000_000; i++)|] s += i;
                });

                add(LocalAsync);
                outer();
            }

            async Task SpinAsync(Action<Func<Task>> add)
            {
                await Task.Yield();
                [|for (var n = 0; n < 100_000_000; n++)|]
                {
                    if (n == 0)
                    {
                        add(async () =>
                        {
                            await Task.Yield();
                            long s = 0;
                            [|for (var i = 0; i < 100_000_000; i++)|] s += i;
                        });
                    }
                }
            }

            class Nested
            {
                Nested(Action<Func<Task>> add) => add(async () =>
                {
                    await Task.Yield();
                    long s = 0;
                    [|for (var i = 0; i < 100_000_000; i++)|] s += i;
                });
            }
        }
        """);

    [Fact]
    public Task Members_of_nested_partial_and_value_types_are_each_reported_once() => new Verify.Test
    {
        TestState =
        {
            Sources =
            {
                """
                using System.Threading.Tasks;
                partial class Outer
                {
                    async Task<long> OuterAsync()
                    {
                        await Task.Yield();
                        return [|Crunch()|];
                    }

                    class Inner
                    {
                        async Task<long> InnerAsync()
                        {
                            await Task.Yield();
                            long s = 0;
                            [|for (var i = 0; i < 100_000_000; i++)|] s += i;
                            return s;
                        }
                    }

                    record struct Point(int X)
                    {
                        public async Task<long> SpinAsync()
                        {
                            await Task.Yield();
                            long s = X;
                            [|for (var i = 0; i < 100_000_000; i++)|] s ^= i;
                            return s;
                        }
                    }
                }
                """,
                """
                using System.Threading.Tasks;
                partial class Outer
                {
                    async Task<long> OtherPartAsync()
                    {
                        await Task.Yield();
                        return [|Crunch()|];
                    }

                    // Declared below its async callers: its body is read when the whole type has been bound.
                    static long Crunch()
                    {
                        long s = 0;
                        for (var i = 0; i < 100_000_000; i++) s += i % 3;
                        return s;
                    }
                }
                """,
            },
        },
    }.RunAsync();

    [Fact]
    public Task Loops_of_async_iterators_that_yield_run_as_the_consumer_asks_and_are_not_reported() => Verify.VerifyAnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        class C
        {
            async IAsyncEnumerable<long> SquaresAsync()
            {
                await Task.Yield();
                for (long i = 0; i < 100_000_000; i++)
                {
                    yield return i * i;
                }
            }
        }
        """);

    [Fact]
    public Task Generated_code_is_not_reported() => Verify.VerifyAnalyzerAsync("""
        // <auto-generated/>
        using System.Threading.Tasks;
        class C
        {
            async Task M()
            {
                long s = 0;
                for (var i = 0; i < 100_000_000; i++) s += i;
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Request_handlers_are_left_to_CONC0202() => Verify.VerifyAnalyzerAsync("""
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        public class ReportsController : ControllerBase
        {
            public async Task<IActionResult> Get()
            {
                long s = 0;
                for (var i = 0; i < 100_000_000; i++) s += i;
                await Task.Yield();
                return Ok(s);
            }
        }
        """);

    [Fact]
    public async Task The_threshold_is_an_editorconfig_option_and_invalid_values_fall_back()
    {
        const string Source = """
            using System.Threading.Tasks;
            class C
            {
                async Task M()
                {
                    var s = 0;
                    for (var i = 0; i < 10_000; i++) s += i;
                    await Task.Yield();
                }
            }
            """;
        await Verify.VerifyAnalyzerAsync(Source.Replace("for (var i = 0; i < 10_000; i++)", "[|for (var i = 0; i < 10_000; i++)|]"), LanguageVersion.CSharp12, "CONC0201.min_operations = 1000");
        await Verify.VerifyAnalyzerAsync(Source, LanguageVersion.CSharp12, "CONC0201.min_operations = lots");
        await Verify.VerifyAnalyzerAsync(Source, LanguageVersion.CSharp12, "CONC0201.min_operations = -5");
    }
}
