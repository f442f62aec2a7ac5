using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    ConcurrencyAnalyzers.ThreadCount.CONC0404NestedParallelismAnalyzer,
    ConcurrencyAnalyzers.CodeFixes.ThreadCount.CONC0404NestedParallelismCodeFix>;

namespace ConcurrencyAnalyzers.Tests.ThreadCount;

public class CONC0404NestedParallelismTests
{
    public static IEnumerable<object[]> LanguageVersions => Verify.LanguageVersions;

    // ---- Positives -------------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Parallel_loops_and_PLINQ_inside_parallel_bodies_are_reported(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        class Grid
        {
            void M(double[][] rows, List<int[]> blocks)
            {
                Parallel.For(0, rows.Length, i =>
                {
                    {|CONC0404:Parallel.For|}(0, rows[i].Length, j => rows[i][j] *= 2);
                });
                Parallel.ForEach(blocks, block => {|CONC0404:Parallel.ForEach|}(block, x => Work(x)));
                Parallel.ForEach(blocks, block => block.{|CONC0404:AsParallel()|}.Sum());
                var sums = rows.AsParallel().Select(row => row.{|CONC0404:AsParallel()|}.Sum()).ToArray();
                rows.AsParallel().ForAll(row => {|CONC0404:Parallel.For|}(0, row.Length, j => row[j] = 0));
                System.Threading.Tasks.Parallel.For(0, 4, delegate (int i)
                {
                    System.Threading.Tasks.{|CONC0404:Parallel.For|}(0L, 10L, j => Work((int)j));
                });
            }

            static void Work(int x) { }
        }
        """, version);

    [Fact]
    public Task Message_names_the_inner_loop_and_the_outer_body() => Verify.VerifyAnalyzerAsync("""
        using System.Threading.Tasks;
        class C
        {
            void M(int[][] rows) => Parallel.ForEach(rows, row => {|#0:Parallel.For|}(0, row.Length, j => row[j]++));
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("Parallel.For", "the body of Parallel.ForEach"));

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Top_level_statements_generic_and_partial_members_are_reported(LanguageVersion version) => new Verify.Test
    {
        LanguageVersion = version,
        TestState = { OutputKind = OutputKind.ConsoleApplication },
        TestCode = """
        using System.Collections.Generic;
        using System.Threading.Tasks;

        var rows = new int[4][];
        Parallel.For(0, rows.Length, i => {|CONC0404:Parallel.For|}(0, 8, j => { }));

        partial class Store<T>
        {
            partial void Touch(List<List<T>> groups);
        }

        partial class Store<T>
        {
            partial void Touch(List<List<T>> groups) =>
                Parallel.ForEach(groups, group => {|CONC0404:Parallel.ForEach|}(group, item => Use(item)));

            static void Use(T item) { }
        }
        """,
    }.RunAsync();

    // ---- Negatives -------------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Sequential_inner_loops_and_one_level_of_parallelism_are_not_reported(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System.Linq;
        using System.Threading.Tasks;
        class C
        {
            void M(int[][] rows)
            {
                Parallel.For(0, rows.Length, i =>
                {
                    for (var j = 0; j < rows[i].Length; j++) { rows[i][j]++; }
                    var sum = rows[i].Sum();
                });
                for (var i = 0; i < rows.Length; i++)
                {
                    var row = rows[i];
                    Parallel.For(0, row.Length, j => row[j]++);
                }

                var total = rows.AsParallel().Sum(row => row.Length);
                Parallel.For(0, rows.Length, i => { }); Parallel.ForEach(rows, row => { });
            }
        }
        """, version);

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Invoke_ForEachAsync_Task_Run_local_functions_and_nested_lambdas_are_not_parallel_loops_here(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        class C
        {
            static void Sort(int[] data, int lo, int hi)
            {
                if (hi - lo < 2) return;
                var mid = (lo + hi) / 2;
                Parallel.Invoke(() => Sort(data, lo, mid), () => Sort(data, mid, hi));
                Parallel.Invoke(() => Parallel.For(lo, mid, i => { }), () => Parallel.For(mid, hi, i => { }));
            }

            async Task M(int[][] rows)
            {
                await Parallel.ForEachAsync(rows, async (row, token) => { Parallel.For(0, row.Length, j => { }); await Task.Yield(); });
                await Task.Run(() => Parallel.For(0, rows.Length, i => { }));
                new Thread(() => Parallel.For(0, rows.Length, i => { })).Start();
                Parallel.For(0, rows.Length, i =>
                {
                    void Inner() => Parallel.For(0, rows[i].Length, j => { });
                    Inner();
                    Action later = () => Parallel.For(0, 2, j => { });
                    var sums = rows.Select(row => row.AsParallel().Sum()).ToArray();
                });
                Parallel.For(0, rows.Length, () => 0, (i, state, local) => local, local => Parallel.For(0, 2, j => { }));
            }
        }
        """, version);

    [Fact]
    public Task Methods_named_like_Parallel_on_other_types_are_not_reported() => Verify.VerifyAnalyzerAsync("""
        using System;
        class Parallel
        {
            public static void For(int from, int to, Action<int> body) { for (var i = from; i < to; i++) body(i); }
        }
        class C
        {
            void M() => Parallel.For(0, 4, i => Parallel.For(0, 4, j => { }));
        }
        """);

    [Fact]
    public Task Generated_code_is_not_reported() => Verify.VerifyAnalyzerAsync("""
        // <auto-generated/>
        using System.Threading.Tasks;
        class C
        {
            void M(int[][] rows) => Parallel.For(0, rows.Length, i => Parallel.For(0, rows[i].Length, j => { }));
        }
        """);
}
