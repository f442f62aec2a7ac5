using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ConcurrencyAnalyzers.Core;
using ConcurrencyAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConcurrencyAnalyzers.Tests.CpuBound;

/// <summary>The cost model on its own: counts, sizes, heavy APIs, awaits and I/O, and the explanation messages quote.</summary>
public class CostModelTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Linq;
        using System.Numerics;
        using System.Security.Cryptography;
        using System.Text.RegularExpressions;
        using System.Threading.Tasks;

        """;

    /// <summary>Estimates the first statement of method Run marked by being the first loop, or the whole body.</summary>
    private static async Task<WorkEstimate> EstimateAsync(string members, Target target = Target.FirstLoop)
    {
        var (operation, types) = await OperationAsync(members, target);
        return CostModel.Estimate(operation, types, CancellationToken.None);
    }

    private static async Task<(IOperation Operation, WellKnownTypes Types)> OperationAsync(string members, Target target)
    {
        var source = Usings + "class C\n{\n" + members + "\n}\n";
        var compilation = AnalyzerRunner.Compile(source, await AnalyzerRunner.ReferencesAsync());
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var tree = compilation.SyntaxTrees.Single();
        var model = compilation.GetSemanticModel(tree);
        var run = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.Text == "Run");
        SyntaxNode node = target switch
        {
            Target.FirstLoop => run.DescendantNodes().First(n => n is ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax),
            Target.FirstInvocation => run.DescendantNodes().OfType<InvocationExpressionSyntax>().First(),
            Target.FirstLambda => run.DescendantNodes().OfType<LambdaExpressionSyntax>().First(),
            _ => run,
        };
        var operation = model.GetOperation(node);
        Assert.NotNull(operation);
        return (operation!, WellKnownTypes.Get(compilation));
    }

    public enum Target
    {
        FirstLoop,
        FirstInvocation,
        FirstLambda,
        Method,
    }

    [Fact]
    public async Task Constant_bounds_multiply_through_nested_loops()
    {
        var estimate = await EstimateAsync("""
            long Run()
            {
                long sum = 0;
                for (int i = 0; i < 10_000; i++)
                    for (int j = 0; j < 10_000; j++)
                        sum += i * j;
                return sum;
            }
            """);
        Assert.Equal(1e8, estimate.Iterations);
        Assert.Equal(2, estimate.LoopDepth);
        Assert.False(estimate.IsDataDependent);
        Assert.True(estimate.Log10Operations >= 8);
        Assert.True(estimate.IsCpuBound(CostModel.DefaultThreshold));
        Assert.Equal("about 10^8 iterations (10,000 × 10,000)", estimate.Explain());
    }

    [Fact]
    public async Task Constants_flow_through_locals_array_sizes_and_Enumerable_Range()
    {
        var estimate = await EstimateAsync("""
            double Run()
            {
                const int Width = 2_000;
                var height = Width / 2;
                var pixels = new double[Width * height];
                double total = 0;
                foreach (var p in pixels) total += p;
                foreach (var i in Enumerable.Range(0, 5_000)) total += i;
                for (var k = pixels.Length - 1; k >= 0; k -= 2) total -= pixels[k];
                return total;
            }
            """, Target.Method);
        Assert.True(estimate.Operations > 2_000_000 * 2 && estimate.Operations < 2_000_000 * 10, estimate.ToString());
        // The costliest loop is the one explained: the last, 1,000,000 iterations of a heavier body than the first's 2,000,000.
        Assert.Equal("about 10^6 iterations (1,000,000)", estimate.Explain());
        Assert.False(estimate.IsDataDependent);
    }

    [Fact]
    public async Task Static_readonly_fields_of_the_same_file_are_read_as_constants()
    {
        var estimate = await EstimateAsync("""
            private static readonly int Rounds = 3 * 1_000_000;
            private static int s_mutable = 5;
            long Run()
            {
                long h = 0;
                for (var i = 0; i < Rounds; i++) h ^= i;
                for (var i = 0; i < s_mutable; i++) h ^= i;
                return h;
            }
            """, Target.Method);
        Assert.Equal("about 10^6 iterations (3,000,000)", estimate.Explain());
        Assert.True(estimate.IsDataDependent); // s_mutable is not readonly: its loop count is assumed.
    }

    [Fact]
    public async Task A_local_written_again_is_not_taken_as_a_constant()
    {
        var estimate = await EstimateAsync("""
            int Run(int extra)
            {
                var n = 10;
                n += extra;
                var count = 0;
                for (var i = 0; i < n; i++) count++;
                return count;
            }
            """);
        Assert.True(estimate.IsDataDependent);
        Assert.Equal(CostModel.AssumedCollectionSize, estimate.Iterations);
        Assert.Equal("about 1,000 iterations ('n' (size unknown, assumed 1,000))", estimate.Explain());
    }

    [Fact]
    public async Task Only_the_outermost_unknown_dimension_is_assumed_large()
    {
        var estimate = await EstimateAsync("""
            record Order(List<decimal> Lines);
            decimal Run(List<Order> orders, List<decimal> rates)
            {
                decimal total = 0;
                foreach (var order in orders)
                    foreach (var line in order.Lines)
                        foreach (var rate in rates)
                            total += line * rate;
                return total;
            }
            """);
        Assert.True(estimate.IsDataDependent);
        Assert.Equal(CostModel.AssumedCollectionSize * CostModel.AssumedNestedSize * CostModel.AssumedNestedSize, estimate.Iterations);
        Assert.False(estimate.IsCpuBound(CostModel.DefaultThreshold));
        Assert.Equal(
            "about 10^5 iterations ('orders' (size unknown, assumed 1,000) × 'order.Lines' (size unknown, assumed 10) × 'rates' (size unknown, assumed 10))",
            estimate.Explain());
    }

    [Fact]
    public async Task A_collection_of_the_element_of_a_loop_of_known_count_is_assumed_small()
    {
        var estimate = await EstimateAsync("""
            int Run(List<int>[] buckets)
            {
                var total = 0;
                foreach (var bucket in new List<int>[64])
                    foreach (var item in bucket)
                        total += item;
                return total;
            }
            """);
        Assert.Equal(64 * CostModel.AssumedPerElementSize, estimate.Iterations);
        Assert.Contains("64 × 'bucket' (size unknown, assumed 100)", estimate.Explain());
    }

    [Fact]
    public async Task In_a_helper_a_collection_of_a_parameter_is_one_element_s()
    {
        var estimate = await EstimateAsync("""
            record Order(List<decimal> Lines);
            decimal Run(Order order) => Total(order);
            static decimal Total(Order order)
            {
                decimal sum = 0;
                foreach (var line in order.Lines) sum += line;
                return sum;
            }
            """, Target.FirstInvocation);
        Assert.Equal(CostModel.AssumedPerElementSize, estimate.Iterations);
        Assert.Equal("about 100 iterations ('order.Lines' (size unknown, assumed 100))", estimate.Explain());
    }

    [Fact]
    public async Task Helpers_called_in_a_loop_of_assumed_count_assume_their_collections_small()
    {
        var estimate = await EstimateAsync("""
            record Line(decimal Price, List<decimal> Discounts);
            record Order(List<Line> Lines);
            decimal Run(List<Order> orders)
            {
                decimal total = 0;
                foreach (var order in orders) total += Total(order);
                return total;
            }

            static decimal Total(Order order)
            {
                decimal sum = 0;
                foreach (var line in order.Lines) sum += Net(line);
                return sum;
            }

            static decimal Net(Line line)
            {
                var net = line.Price;
                foreach (var discount in line.Discounts) net -= discount;
                return net;
            }
            """);
        // 1,000 orders × 10 lines × 10 discounts: inside a loop of assumed count, the helpers' collections are small.
        Assert.True(estimate.IsDataDependent);
        Assert.Equal(1e5, estimate.Iterations);
        Assert.Equal(
            "about 10^5 iterations ('orders' (size unknown, assumed 1,000) × 'order.Lines' (size unknown, assumed 10) × 'line.Discounts' (size unknown, assumed 10))",
            estimate.Explain());
    }

    [Fact]
    public async Task Pixel_loops_are_heavy_over_known_dimensions_and_not_over_unknown_ones()
    {
        const string Loop = """
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    var i = ((y * width) + x) * 3;
                    var gray = (byte)((rgb[i] * 77 + rgb[i + 1] * 150 + rgb[i + 2] * 29) >> 8);
                    rgb[i] = rgb[i + 1] = rgb[i + 2] = gray;
                }
            }
            """;
        var unknown = await EstimateAsync("void Run(byte[] rgb, int width, int height)\n{\n" + Loop + "\n}");
        Assert.Equal(1e4, unknown.Iterations);
        Assert.False(unknown.IsCpuBound(CostModel.DefaultThreshold), unknown.ToString());
        Assert.Equal("about 10^4 iterations ('height' (size unknown, assumed 1,000) × 'width' (size unknown, assumed 10))", unknown.Explain());

        var known = await EstimateAsync("void Run()\n{\nconst int width = 4_000, height = 3_000;\nvar rgb = new byte[width * height * 3];\n" + Loop + "\n}");
        Assert.Equal(1.2e7, known.Iterations);
        Assert.True(known.IsCpuBound(CostModel.DefaultThreshold), known.ToString());
        Assert.Equal("about 10^7 iterations (3,000 × 4,000)", known.Explain());
    }

    [Fact]
    public async Task A_loop_that_awaits_is_not_CPU_bound()
    {
        var estimate = await EstimateAsync("""
            async Task Run()
            {
                for (var i = 0; i < 100_000_000; i++)
                {
                    if (i % 1000 == 0) await Task.Yield();
                }
            }
            """);
        Assert.True(estimate.Awaits);
        Assert.False(estimate.IsCpuBound(CostModel.DefaultThreshold));
    }

    [Fact]
    public async Task An_await_in_the_collection_runs_once_and_only_EstimateIterations_leaves_it_out()
    {
        const string Members = """
            async Task<int> Run()
            {
                var total = 0;
                foreach (var n in await Task.FromResult(new[] { 1, 2, 3 }))
                    for (var k = 0; k < 10_000_000; k++) total += n ^ k;
                return total;
            }
            """;
        var whole = await EstimateAsync(Members);
        Assert.True(whole.Awaits);

        var source = Usings + "class C\n{\n" + Members + "\n}\n";
        var compilation = AnalyzerRunner.Compile(source, await AnalyzerRunner.ReferencesAsync());
        var tree = compilation.SyntaxTrees.Single();
        var loop = (Microsoft.CodeAnalysis.Operations.ILoopOperation)compilation.GetSemanticModel(tree)
            .GetOperation(tree.GetRoot().DescendantNodes().OfType<ForEachStatementSyntax>().Single())!;
        var iterations = CostModel.EstimateIterations(loop, WellKnownTypes.Get(compilation), CancellationToken.None);
        Assert.False(iterations.Awaits);
        Assert.True(iterations.IsCpuBound(CostModel.DefaultThreshold), iterations.ToString());
        // The awaited array's size is not known statically: the assumed 1,000.
        Assert.StartsWith("about 10^10 iterations (", iterations.Explain());
        Assert.EndsWith("(size unknown, assumed 1,000) × 10,000,000)", iterations.Explain());
    }

    [Fact]
    public async Task A_loop_that_reads_files_or_blocks_is_not_CPU_bound()
    {
        var estimate = await EstimateAsync("""
            void Run(string[] paths, Task pending)
            {
                for (var i = 0; i < 1_000_000; i++)
                {
                    _ = File.ReadAllText(paths[i % paths.Length]);
                }
            }
            """);
        Assert.True(estimate.DoesIoOrBlocks);
        Assert.False(estimate.Awaits);
        Assert.False(estimate.IsCpuBound(CostModel.DefaultThreshold));
    }

    [Fact]
    public async Task Thread_bodies_that_spin_until_stopped_have_an_unbounded_loop_and_those_that_sleep_block()
    {
        var spin = await EstimateAsync("""
            volatile bool _stop;
            void Run()
            {
                var x = 0L;
                while (!_stop) { x = (x * 31) + 7; }
            }
            """);
        Assert.True(spin.HasUnboundedLoop);
        Assert.False(spin.Awaits || spin.DoesIoOrBlocks);
        Assert.Equal("about 1,000 iterations (a 'while' loop (count unknown, assumed 1,000))", spin.Explain());

        var sleeper = await EstimateAsync("""
            volatile bool _stop;
            void Run()
            {
                while (!_stop) { System.Threading.Thread.Sleep(100); }
            }
            """);
        Assert.True(sleeper.HasUnboundedLoop);
        Assert.True(sleeper.DoesIoOrBlocks);

        var bounded = await EstimateAsync("""
            void Run(int[] items)
            {
                var s = 0;
                foreach (var i in items) s += i;
            }
            """);
        Assert.False(bounded.HasUnboundedLoop);
    }

    [Fact]
    public async Task A_cheap_loop_is_not_CPU_bound()
    {
        var estimate = await EstimateAsync("""
            int Run()
            {
                var sum = 0;
                for (var i = 0; i < 100; i++) sum += i;
                return sum;
            }
            """);
        Assert.Equal(100, estimate.Iterations);
        Assert.False(estimate.IsCpuBound(CostModel.DefaultThreshold));
        Assert.Equal("about 100 iterations (100)", estimate.Explain());
    }

    [Fact]
    public async Task PBKDF2_is_costed_by_its_iteration_count()
    {
        var estimate = await EstimateAsync("""
            byte[] Run(string password, byte[] salt) =>
                Rfc2898DeriveBytes.Pbkdf2(password, salt, 600_000, HashAlgorithmName.SHA256, 32);
            """, Target.FirstInvocation);
        Assert.Equal("PBKDF2 with 600,000 iterations", estimate.Explain());
        Assert.True(estimate.IsCpuBound(CostModel.DefaultThreshold));
        Assert.False(estimate.DoesIoOrBlocks);
    }

    [Fact]
    public async Task Regex_in_a_loop_over_data_is_named_with_its_call_count()
    {
        var estimate = await EstimateAsync("""
            int Run(string[] lines)
            {
                var hits = 0;
                foreach (var line in lines)
                    if (Regex.IsMatch(line, @"^\d{4}-\d{2}-\d{2}")) hits++;
                return hits;
            }
            """);
        Assert.Equal("Regex.IsMatch about 1,000 times ('lines' (size unknown, assumed 1,000))", estimate.Explain());
        Assert.True(estimate.IsDataDependent);
    }

    [Fact]
    public async Task Hashing_sorting_and_BigInteger_are_costed_by_size()
    {
        var hash = await EstimateAsync("""
            byte[] Run() => SHA256.HashData(new byte[50_000_000]);
            """, Target.FirstInvocation);
        Assert.Equal("SHA256.HashData over 50,000,000 bytes", hash.Explain());
        Assert.True(hash.IsCpuBound(CostModel.DefaultThreshold));

        var sort = await EstimateAsync("""
            void Run() { var data = new int[1_000_000]; Array.Sort(data); }
            """, Target.FirstInvocation);
        Assert.Equal("sorting 1,000,000 items", sort.Explain());
        Assert.True(sort.IsCpuBound(CostModel.DefaultThreshold));

        var big = await EstimateAsync("""
            BigInteger Run()
            {
                BigInteger f = 1;
                for (var i = 1; i <= 100_000; i++) f *= i;
                return f;
            }
            """);
        Assert.Equal("BigInteger arithmetic about 10^5 times (100,000)", big.Explain());
        Assert.True(big.IsCpuBound(CostModel.DefaultThreshold));
    }

    [Fact]
    public async Task Synchronous_helpers_are_followed_and_recursion_ends()
    {
        var estimate = await EstimateAsync("""
            int Run() => Crunch(3);
            int Crunch(int depth)
            {
                var sum = 0;
                for (var i = 0; i < 50_000_000; i++) sum ^= i;
                return depth == 0 ? sum : Crunch(depth - 1);
            }
            """, Target.FirstInvocation);
        Assert.True(estimate.IsCpuBound(CostModel.DefaultThreshold), estimate.ToString());
        Assert.Equal("about 10^8 iterations (50,000,000)", estimate.Explain());
    }

    [Fact]
    public async Task Work_handed_to_Task_Run_or_Parallel_costs_the_caller_nothing()
    {
        var offloaded = await EstimateAsync("""
            Task<long> Run() => Task.Run(() =>
            {
                long sum = 0;
                for (var i = 0; i < 100_000_000; i++) sum += i;
                return sum;
            });
            """, Target.FirstInvocation);
        Assert.False(offloaded.IsCpuBound(CostModel.DefaultThreshold));

        var body = await EstimateAsync("""
            Task<long> Run() => Task.Run(() =>
            {
                long sum = 0;
                for (var i = 0; i < 100_000_000; i++) sum += i;
                return sum;
            });
            """, Target.FirstLambda);
        Assert.True(body.IsCpuBound(CostModel.DefaultThreshold));
        Assert.Equal("about 10^8 iterations (100,000,000)", body.Explain());
    }

    [Fact]
    public async Task LINQ_delegates_run_once_per_element()
    {
        var estimate = await EstimateAsync("""
            double Run()
            {
                var samples = new double[20_000_000];
                return samples.Select(x => Math.Sqrt(x) * 2).Sum();
            }
            """, Target.Method);
        Assert.True(estimate.IsCpuBound(CostModel.DefaultThreshold), estimate.ToString());
        Assert.Equal("about 10^7 iterations (20,000,000)", estimate.Explain());
    }

    [Theory]
    [InlineData("void Run() { for (var i = 0; i < 1_000; i++) Flush(); }")]
    [InlineData("long Run() { long n = 0; foreach (var x in Load()) n += x; return n; }")]
    [InlineData("long Run() { long n = 0; for (var i = 0; i < 1_000; i++) n += i > 5 ? Read(i) : Load().Length; return n; }")]
    [InlineData("void Run() { for (var i = 0; i < 1_000; i++) File.ReadAllText(\"a\" + i); }")]
    [InlineData("void Run() { foreach (var line in Load()) for (var j = 0; j < 100; j++) Flush(); }")]
    public async Task The_upper_bound_without_twin_lookups_is_never_below_the_full_estimate(string run)
    {
        // Flush and Load have async twins, so the full estimate counts them as I/O calls; their bodies cost less.
        var (operation, types) = await OperationAsync(run + """
            static void Flush() { }
            static Task FlushAsync() => Task.CompletedTask;
            static int[] Load() => new int[0];
            static Task<int[]> LoadAsync() => Task.FromResult(new int[0]);
            static int Read(int i) => i;
            """, Target.FirstLoop);
        var compilation = operation.SemanticModel!.Compilation;
        var full = CostModel.ForBlock(types, compilation, CancellationToken.None).EstimateRoot(operation);
        var bound = CostModel.UpperBoundForBlock(types, compilation, CancellationToken.None).EstimateRoot(operation);
        Assert.True(full.DoesIoOrBlocks, full.ToString());
        Assert.True(bound.Operations >= full.Operations, $"bound {bound}, full {full}");
    }

    [Fact]
    public async Task Broken_code_is_estimated_without_throwing()
    {
        var source = Usings + "class C { void Run(int n) { for (var i = 0; i < ; i++) { while (x) { } } foreach (var q in ) { } } }";
        var compilation = AnalyzerRunner.Compile(source, await AnalyzerRunner.ReferencesAsync());
        var tree = compilation.SyntaxTrees.Single();
        var model = compilation.GetSemanticModel(tree);
        var types = WellKnownTypes.Get(compilation);
        foreach (var node in tree.GetRoot().DescendantNodes().OfType<StatementSyntax>())
        {
            if (model.GetOperation(node) is { } operation)
            {
                Assert.NotNull(CostModel.Estimate(operation, types, CancellationToken.None).Explain());
            }
        }
    }
}
