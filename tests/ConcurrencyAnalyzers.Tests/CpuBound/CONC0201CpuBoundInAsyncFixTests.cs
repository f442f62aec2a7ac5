using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    ConcurrencyAnalyzers.CpuBound.CONC0201CpuBoundInAsyncAnalyzer,
    ConcurrencyAnalyzers.CodeFixes.CpuBound.CONC0201CpuBoundInAsyncCodeFix>;

namespace ConcurrencyAnalyzers.Tests.CpuBound;

public class CONC0201CpuBoundInAsyncFixTests
{
    [Fact]
    public Task A_loop_that_computes_a_local_returns_it_from_Task_Run_with_the_token() => Verify.VerifyCodeFixAsync("""
        using System.Threading;
        using System.Threading.Tasks;
        class C
        {
            async Task<long> SumAsync(CancellationToken cancellationToken)
            {
                // The checksum of the batch.
                long sum = 0;
                [|for (var i = 0; i < 100_000_000; i++)|]
                {
                    sum += i % 7;
                }

                await Task.Delay(1, cancellationToken);
                return sum;
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;
        class C
        {
            async Task<long> SumAsync(CancellationToken cancellationToken)
            {
                // The checksum of the batch.
                long sum = await Task.Run(() =>
                {
                    long sum = 0;
                    for (var i = 0; i < 100_000_000; i++)
                    {
                        sum += i % 7;
                    }

                    return sum;
                }, cancellationToken);

                await Task.Delay(1, cancellationToken);
                return sum;
            }
        }
        """);

    [Fact]
    public Task A_loop_that_writes_elsewhere_moves_whole_into_Task_Run_and_keeps_ConfigureAwait_style() => Verify.VerifyCodeFixAsync("""
        using System.Threading.Tasks;
        class C
        {
            async Task FillAsync(int[] table)
            {
                await Task.Yield();
                [|for (var i = 0; i < 100_000_000; i++)|]
                    table[i % table.Length] ^= i;
                await Task.Delay(1).ConfigureAwait(false);
            }
        }
        """, """
        using System.Threading.Tasks;
        class C
        {
            async Task FillAsync(int[] table)
            {
                await Task.Yield();
                await Task.Run(() =>
                {
                    for (var i = 0; i < 100_000_000; i++)
                        table[i % table.Length] ^= i;
                }).ConfigureAwait(false);
                await Task.Delay(1).ConfigureAwait(false);
            }
        }
        """);

    [Fact]
    public Task A_heavy_call_is_wrapped_where_it_stands() => Verify.VerifyCodeFixAsync("""
        using System;
        using System.Security.Cryptography;
        using System.Threading;
        using System.Threading.Tasks;
        class Accounts
        {
            async Task<string> HashAsync(string password, byte[] salt, CancellationToken cancellationToken)
            {
                var hash = Convert.ToBase64String(Rfc2898DeriveBytes.[|Pbkdf2(password, salt, 600_000, HashAlgorithmName.SHA256, 32)|]);
                await Task.Delay(1, cancellationToken);
                return hash;
            }
        }
        """, """
        using System;
        using System.Security.Cryptography;
        using System.Threading;
        using System.Threading.Tasks;
        class Accounts
        {
            async Task<string> HashAsync(string password, byte[] salt, CancellationToken cancellationToken)
            {
                var hash = Convert.ToBase64String(await Task.Run(() => Rfc2898DeriveBytes.Pbkdf2(password, salt, 600_000, HashAlgorithmName.SHA256, 32), cancellationToken));
                await Task.Delay(1, cancellationToken);
                return hash;
            }
        }
        """);

    [Fact]
    public Task The_parallel_fix_splits_an_independent_loop_inside_Task_Run() => new Verify.Test
    {
        CodeActionEquivalenceKey = "CONC0201.ParallelFor",
        CodeActionIndex = 1,
        TestCode = """
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            class C
            {
                async Task ScaleAsync(double[] input, double[] output, CancellationToken cancellationToken)
                {
                    [|for (var i = 0; i < 30_000_000; i++)|]
                    {
                        if (input[i] < 0)
                        {
                            continue;
                        }

                        output[i] = Math.Sqrt(input[i]) * 2.0;
                    }

                    await Task.Delay(1, cancellationToken);
                }
            }
            """,
        FixedCode = """
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            class C
            {
                async Task ScaleAsync(double[] input, double[] output, CancellationToken cancellationToken)
                {
                    await Task.Run(() => Parallel.For(0, 30_000_000, i =>
                    {
                        if (input[i] < 0)
                        {
                            return;
                        }

                        output[i] = Math.Sqrt(input[i]) * 2.0;
                    }), cancellationToken);

                    await Task.Delay(1, cancellationToken);
                }
            }
            """,
    }.RunAsync(CancellationToken.None);

    [Fact]
    public Task A_LINQ_chain_moves_whole_into_Task_Run() => Verify.VerifyCodeFixAsync("""
        using System.Linq;
        using System.Threading.Tasks;
        class C
        {
            async Task<int> M()
            {
                await Task.Yield();
                var evens = Enumerable.Range(0, 50_000_000).Select(i => i * 2).Where(i => i % 3 == 0).[|ToList()|];
                return evens.Count;
            }
        }
        """, """
        using System.Linq;
        using System.Threading.Tasks;
        class C
        {
            async Task<int> M()
            {
                await Task.Yield();
                var evens = await Task.Run(() => Enumerable.Range(0, 50_000_000).Select(i => i * 2).Where(i => i % 3 == 0).ToList());
                return evens.Count;
            }
        }
        """);

    [Fact]
    public Task The_parallel_fix_splits_a_foreach_over_a_collection() => new Verify.Test
    {
        CodeActionEquivalenceKey = "CONC0201.ParallelFor",
        CodeActionIndex = 1,
        TestCode = """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            class Renderer
            {
                sealed class Tile { public double[] Pixels = new double[1_000_000]; }

                async Task RenderAsync(List<Tile> tiles)
                {
                    await Task.Yield();
                    [|foreach (var tile in tiles)|]
                    {
                        var pixels = new double[1_000_000];
                        for (var p = 0; p < pixels.Length; p++)
                        {
                            pixels[p] = Math.Sin(p);
                        }
                    }
                }
            }
            """,
        FixedCode = """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            class Renderer
            {
                sealed class Tile { public double[] Pixels = new double[1_000_000]; }

                async Task RenderAsync(List<Tile> tiles)
                {
                    await Task.Yield();
                    await Task.Run(() => Parallel.ForEach(tiles, tile =>
                    {
                        var pixels = new double[1_000_000];
                        for (var p = 0; p < pixels.Length; p++)
                        {
                            pixels[p] = Math.Sin(p);
                        }
                    }));
                }
            }
            """,
    }.RunAsync(CancellationToken.None);

    [Fact]
    public Task Fix_all_with_the_parallel_key_splits_every_independent_loop_in_a_project() => new Verify.Test
    {
        CodeActionEquivalenceKey = "CONC0201.ParallelFor",
        CodeActionIndex = 1,
        TestState =
        {
            Sources =
            {
                """
                using System;
                using System.Threading.Tasks;
                class A
                {
                    async Task M(double[] x, double[] y, double[] z)
                    {
                        await Task.Yield();
                        [|for (var i = 0; i < 20_000_000; i++)|] y[i] = Math.Sqrt(x[i]);
                        [|for (var i = 0; i < 20_000_000; i++)|] z[i] = Math.Abs(x[i]);
                    }
                }
                """,
                """
                using System;
                using System.Threading.Tasks;
                class B
                {
                    async Task M(double[] x, double[] y)
                    {
                        await Task.Yield();
                        [|for (var i = 0; i < 20_000_000; i++)|] y[i] = Math.Cos(x[i]);
                    }
                }
                """,
            },
        },
        FixedState =
        {
            Sources =
            {
                """
                using System;
                using System.Threading.Tasks;
                class A
                {
                    async Task M(double[] x, double[] y, double[] z)
                    {
                        await Task.Yield();
                        await Task.Run(() => Parallel.For(0, 20_000_000, i => y[i] = Math.Sqrt(x[i])));
                        await Task.Run(() => Parallel.For(0, 20_000_000, i => z[i] = Math.Abs(x[i])));
                    }
                }
                """,
                """
                using System;
                using System.Threading.Tasks;
                class B
                {
                    async Task M(double[] x, double[] y)
                    {
                        await Task.Yield();
                        await Task.Run(() => Parallel.For(0, 20_000_000, i => y[i] = Math.Cos(x[i])));
                    }
                }
                """,
            },
        },
    }.RunAsync(CancellationToken.None);

    [Fact]
    public Task No_fix_where_the_code_cannot_move_into_a_lambda()
    {
        const string Source = """
            using System;
            using System.Threading.Tasks;
            struct Grid
            {
                private int _cells;

                async Task CountAsync()
                {
                    await Task.Yield();
                    [|for (var i = 0; i < 100_000_000; i++)|] _cells += i & 1;
                }
            }

            class C
            {
                private readonly object _gate = new object();

                async Task<long> FirstAsync(int[] data)
                {
                    long s = 0;
                    [|for (var i = 0; i < 100_000_000; i++)|]
                    {
                        s += i;
                        if (s < 0) return -1;
                    }

                    await Task.Yield();
                    return s;
                }

                async Task SpanAsync()
                {
                    Span<int> buffer = stackalloc int[16];
                    [|for (var i = 0; i < 100_000_000; i++)|] buffer[i & 15] += i;
                    await Task.Yield();
                }

                async Task<int> AwaitedCollectionAsync()
                {
                    var total = 0;
                    [|foreach (var n in await Task.FromResult(new[] { 1, 2, 3 }))|]
                    {
                        for (var k = 0; k < 10_000_000; k++) total += n ^ k;
                    }

                    return total;
                }

                async Task LockedAsync()
                {
                    await Task.Yield();
                    lock (_gate)
                    {
                        long s = 0;
                        [|for (var i = 0; i < 100_000_000; i++)|] s += i;
                    }
                }
            }
            """;
        // Span locals in async methods need C# 13.
        return Verify.VerifyCodeFixAsync(Source, Source, LanguageVersion.CSharp13);
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp9)]
    [InlineData(LanguageVersion.CSharp13)]
    public Task No_fix_for_a_conditional_call_or_a_local_the_loop_first_assigns(LanguageVersion version)
    {
        const string Source = """
            using System.Threading.Tasks;
            class Hasher
            {
                public long Heavy()
                {
                    long h = 0;
                    for (var i = 0; i < 100_000_000; i++) h = (h * 31) ^ i;
                    return h;
                }
            }

            class C
            {
                async Task<long?> ConditionalAsync(Hasher? hasher)
                {
                    await Task.Yield();
                    return hasher?.[|Heavy()|];
                }

                async Task<int> FirstAssignedAsync()
                {
                    await Task.Yield();
                    int last;
                    var i = 0;
                    [|do|]
                    {
                        last = i * 7;
                        i++;
                    }
                    while (i < 100_000_000);
                    return last;
                }
            }
            """;
        return Verify.VerifyCodeFixAsync(Source, Source, version);
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp9)]
    [InlineData(LanguageVersion.CSharp13)]
    public Task Fix_all_in_document_offloads_every_loop_and_call(LanguageVersion version) => new Verify.Test
    {
        LanguageVersion = version,
        TestCode = """
            using System.Linq;
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(int[] data)
                {
                    var a = 0;
                    [|for (var i = 0; i < 100_000_000; i++)|] a ^= i;
                    var b = Enumerable.Range(0, 100_000_000).[|Sum(x => x & 1)|];
                    await Task.Yield();
                    var c = 0;
                    [|while (c < 100_000_000)|] { c++; }
                    return a + b + c;
                }
            }
            """,
        FixedCode = """
            using System.Linq;
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(int[] data)
                {
                    var a = await Task.Run(() =>
                    {
                        var a = 0;
                        for (var i = 0; i < 100_000_000; i++) a ^= i;
                        return a;
                    });
                    var b = await Task.Run(() => Enumerable.Range(0, 100_000_000).Sum(x => x & 1));
                    await Task.Yield();
                    var c = await Task.Run(() =>
                    {
                        var c = 0;
                        while (c < 100_000_000) { c++; }

                        return c;
                    });
                    return a + b + c;
                }
            }
            """,
    }.RunAsync(CancellationToken.None);

    [Fact]
    public Task Fix_all_in_project_fixes_every_document() => new Verify.Test
    {
        TestState =
        {
            Sources =
            {
                """
                using System.Threading.Tasks;
                class A { async Task M() { await Task.Yield(); [|for (var i = 0; i < 100_000_000; i++)|] { } } }
                """,
                """
                using System.Threading.Tasks;
                class B { async Task M() { await Task.Yield(); [|for (var i = 0; i < 100_000_000; i++)|] { } } }
                """,
            },
        },
        FixedState =
        {
            Sources =
            {
                """
                using System.Threading.Tasks;
                class A { async Task M() { await Task.Yield(); await Task.Run(() => { for (var i = 0; i < 100_000_000; i++) { } }); } }
                """,
                """
                using System.Threading.Tasks;
                class B { async Task M() { await Task.Yield(); await Task.Run(() => { for (var i = 0; i < 100_000_000; i++) { } }); } }
                """,
            },
        },
        CodeFixTestBehaviors = CodeFixTestBehaviors.None,
    }.RunAsync(CancellationToken.None);
}
