using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    ConcurrencyAnalyzers.ThreadCount.CONC0404NestedParallelismAnalyzer,
    ConcurrencyAnalyzers.CodeFixes.ThreadCount.CONC0404NestedParallelismCodeFix>;

namespace ConcurrencyAnalyzers.Tests.ThreadCount;

public class CONC0404NestedParallelismFixTests
{
    [Fact]
    public Task Inner_Parallel_For_becomes_a_for_loop_and_its_returns_continue() => Verify.VerifyCodeFixAsync("""
        using System.Threading.Tasks;
        class Grid
        {
            void Scale(double[][] rows, int width)
            {
                Parallel.For(0, rows.Length, i =>
                {
                    {|CONC0404:Parallel.For|}(0, width, j =>
                    {
                        if (rows[i][j] < 0)
                        {
                            return;
                        }

                        rows[i][j] *= 2;
                    });
                });
            }
        }
        """, """
        using System.Threading.Tasks;
        class Grid
        {
            void Scale(double[][] rows, int width)
            {
                Parallel.For(0, rows.Length, i =>
                {
                    for (int j = 0; j < width; j++)
                    {
                        if (rows[i][j] < 0)
                        {
                            continue;
                        }

                        rows[i][j] *= 2;
                    }
                });
            }
        }
        """);

    [Fact]
    public Task A_bound_the_loop_would_read_again_is_evaluated_once() => Verify.VerifyCodeFixAsync("""
        using System.Threading.Tasks;
        class Grid
        {
            void Scale(long[][] rows)
            {
                Parallel.ForEach(rows, row =>
                {
                    {|CONC0404:Parallel.For|}(0L, row.Length, (long j) =>
                    {
                        row[j] += 1;
                    });
                    {|CONC0404:Parallel.For|}(0, Count(row), j => row[j] -= 1);
                });
            }

            static int Count(long[] row) => row.Length;
        }
        """, """
        using System.Threading.Tasks;
        class Grid
        {
            void Scale(long[][] rows)
            {
                Parallel.ForEach(rows, row =>
                {
                    for (long j = 0L; j < row.Length; j++)
                    {
                        row[j] += 1;
                    }
                    for (int j = 0, jEnd = Count(row); j < jEnd; j++)
                    {
                        row[j] -= 1;
                    }
                });
            }

            static int Count(long[] row) => row.Length;
        }
        """);

    [Fact]
    public Task Inner_Parallel_ForEach_becomes_foreach_also_in_an_expression_bodied_lambda() => Verify.VerifyCodeFixAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        class Batches
        {
            void Run(List<List<int>> batches, int[] flags)
            {
                Parallel.ForEach(batches, batch =>
                {
                    {|CONC0404:Parallel.ForEach|}(batch, (int item) => Handle(item));
                });
                Parallel.ForEach(batches, batch => {|CONC0404:Parallel.ForEach|}(batch, item => Handle(item)));
            }

            static void Handle(int item) { }
        }
        """, """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        class Batches
        {
            void Run(List<List<int>> batches, int[] flags)
            {
                Parallel.ForEach(batches, batch =>
                {
                    foreach (int item in batch)
                    {
                        Handle(item);
                    }
                });
                Parallel.ForEach(batches, batch =>
                {
                    foreach (var item in batch)
                    {
                        Handle(item);
                    }
                });
            }

            static void Handle(int item) { }
        }
        """);

    [Fact]
    public Task Inner_PLINQ_query_drops_AsParallel() => Verify.VerifyCodeFixAsync("""
        using System.Linq;
        using System.Threading.Tasks;
        class Totals
        {
            double[] Sums(double[][] rows) => rows.AsParallel().Select(row => row.{|CONC0404:AsParallel()|}.Where(x => x > 0).Sum()).ToArray();

            void Fill(int[][] rows, int[] counts) =>
                Parallel.For(0, rows.Length, i => counts[i] = rows[i].{|CONC0404:AsParallel()|}.Count(x => x % 2 == 0));
        }
        """, """
        using System.Linq;
        using System.Threading.Tasks;
        class Totals
        {
            double[] Sums(double[][] rows) => rows.AsParallel().Select(row => row.Where(x => x > 0).Sum()).ToArray();

            void Fill(int[][] rows, int[] counts) =>
                Parallel.For(0, rows.Length, i => counts[i] = rows[i].Count(x => x % 2 == 0));
        }
        """);

    [Fact]
    public Task No_fix_where_a_sequential_loop_would_change_the_meaning()
    {
        var source = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            class C
            {
                void M(int[][] rows, CancellationToken token)
                {
                    var j = 0;
                    Parallel.For(0, rows.Length, i =>
                    {
                        var result = {|CONC0404:Parallel.For|}(0, 10, k => { });
                        {|CONC0404:Parallel.For|}(0, 10, new ParallelOptions { CancellationToken = token }, k => { });
                        {|CONC0404:Parallel.For|}(0, 10, (k, state) => state.Stop());
                        {|CONC0404:Parallel.For|}(0, 10, j => { });
                        {|CONC0404:Parallel.For|}(0, 10, k => { k++; });
                        var later = new List<Action>();
                        {|CONC0404:Parallel.For|}(0, 10, k => later.Add(() => Console.WriteLine(k)));
                        {|CONC0404:Parallel.For|}(0, 10, k => { foreach (var x in rows[i]) { if (x == k) return; } });
                        {|CONC0404:Parallel.For|}(toExclusive: 10, fromInclusive: 0, body: k => { });
                        {|CONC0404:Parallel.For|}(0, 10, async k => await Task.Yield());
                        {|CONC0404:Parallel.ForEach|}(Partitioner.Create(0, 10), range => { });
                        {|CONC0404:Parallel.ForEach|}(rows[i], Handle);
                        var query = rows[i].{|CONC0404:AsParallel()|}.Select(x => x * 2);
                        rows[i].{|CONC0404:AsParallel()|}.ForAll(x => Handle(x));
                        var limited = rows[i].{|CONC0404:AsParallel()|}.WithDegreeOfParallelism(2).Sum();
                    });
                    Parallel.ForEach(rows, row => _ = {|CONC0404:Parallel.For|}(0, row.Length, k => { }));
                }

                static void Handle(int x) { }
            }
            """.Replace("Partitioner.Create", "System.Collections.Concurrent.Partitioner.Create");
        return Verify.VerifyCodeFixAsync(source, source);
    }

    [Fact]
    public Task Three_levels_are_fixed_together() => new Verify.Test
    {
        TestCode = """
            using System.Threading.Tasks;
            class Cube
            {
                void Clear(int[][][] cube) => Parallel.For(0, cube.Length, x =>
                {
                    {|CONC0404:Parallel.For|}(0, cube[x].Length, y =>
                    {
                        {|CONC0404:Parallel.For|}(0, cube[x][y].Length, z =>
                        {
                            cube[x][y][z] = 0;
                        });
                    });
                });
            }
            """,
        FixedCode = """
            using System.Threading.Tasks;
            class Cube
            {
                void Clear(int[][][] cube) => Parallel.For(0, cube.Length, x =>
                {
                    for (int y = 0, yEnd = cube[x].Length; y < yEnd; y++)
                    {
                        for (int z = 0, zEnd = cube[x][y].Length; z < zEnd; z++)
                        {
                            cube[x][y][z] = 0;
                        }
                    }
                });
            }
            """,
    }.RunAsync();

    [Fact]
    public Task Fix_all_in_project_fixes_every_document() => new Verify.Test
    {
        TestState =
        {
            Sources =
            {
                """
                using System.Threading.Tasks;
                class A
                {
                    void M(int[][] rows, int n) => Parallel.For(0, rows.Length, i =>
                    {
                        {|CONC0404:Parallel.For|}(0, n, j => rows[i][j] = j);
                    });
                }
                """,
                """
                using System.Linq;
                class B { int[] M(int[][] rows) => rows.AsParallel().Select(row => row.{|CONC0404:AsParallel()|}.Max()).ToArray(); }
                """,
            },
        },
        FixedState =
        {
            Sources =
            {
                """
                using System.Threading.Tasks;
                class A
                {
                    void M(int[][] rows, int n) => Parallel.For(0, rows.Length, i =>
                    {
                        for (int j = 0; j < n; j++)
                        {
                            rows[i][j] = j;
                        }
                    });
                }
                """,
                """
                using System.Linq;
                class B { int[] M(int[][] rows) => rows.AsParallel().Select(row => row.Max()).ToArray(); }
                """,
            },
        },
        CodeFixTestBehaviors = CodeFixTestBehaviors.None,
    }.RunAsync();
}
