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
        var types = WellKnownTypes.Get(compilation);
        return CostModel.Estimate(operation!, types, CancellationToken.None);
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
    public async Task Loops_over_data_use_an_assumed_size_smaller_for_a_collection_of_the_outer_element()
    {
        var estimate = await EstimateAsync("""
            record Order(List<decimal> Lines);
            decimal Run(List<Order> orders)
            {
                decimal total = 0;
                foreach (var order in orders)
                    foreach (var line in order.Lines)
                        total += line;
                return total;
            }
            """);
        Assert.True(estimate.IsDataDependent);
        Assert.Equal(CostModel.AssumedCollectionSize * CostModel.AssumedPerElementSize, estimate.Iterations);
        Assert.False(estimate.IsCpuBound(CostModel.DefaultThreshold));
        Assert.Contains("'orders' (size unknown, assumed 1,000) × 'order.Lines' (size unknown, assumed 100)", estimate.Explain());
    }

    [Fact]
    public async Task Pixel_loops_over_unknown_dimensions_count_as_heavy()
    {
        var estimate = await EstimateAsync("""
            void Run(byte[] rgb, int width, int height)
            {
                for (var y = 0; y < height; y++)
                {
                    for (var x = 0; x < width; x++)
                    {
                        var i = ((y * width) + x) * 3;
                        var gray = (byte)((rgb[i] * 77 + rgb[i + 1] * 150 + rgb[i + 2] * 29) >> 8);
                        rgb[i] = rgb[i + 1] = rgb[i + 2] = gray;
                    }
                }
            }
            """);
        Assert.Equal(1e6, estimate.Iterations);
        Assert.True(estimate.IsCpuBound(CostModel.DefaultThreshold), estimate.ToString());
        Assert.Equal("about 10^6 iterations ('height' (size unknown, assumed 1,000) × 'width' (size unknown, assumed 1,000))", estimate.Explain());
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
