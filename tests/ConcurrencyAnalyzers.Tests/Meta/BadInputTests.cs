using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using ConcurrencyAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace ConcurrencyAnalyzers.Tests.Meta;

/// <summary>Broken or incomplete source never makes an analyzer or a fix throw.</summary>
public class BadInputTests
{
    /// <summary>Realistic code with every shape the rules look at, from which broken variants are derived.</summary>
    internal const string Corpus = """
        using System;
        using System.IO;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Http;

        namespace Shop;

        public sealed class OrderService
        {
            private readonly object _gate = new();
            private readonly SemaphoreSlim _semaphore = new(1);

            public async Task<string> LoadAsync(string path, CancellationToken cancellationToken)
            {
                var text = File.ReadAllText(path);
                Thread.Sleep(10);
                var pending = Task.Run(() => text.Length);
                var length = pending.Result + pending.GetAwaiter().GetResult();
                Task.WaitAll(pending);
                _semaphore.Wait();
                lock (_gate) { pending.Wait(); }
                Func<Task<int>> later = async () => { await Task.Yield(); return pending.Result; };
                using var reader = new StreamReader(path);
                return reader.ReadToEnd() + length + await later();
            }

            public async Task HandleAsync(HttpContext context)
            {
                var body = new StreamReader(context.Request.Body).ReadToEnd();
                await context.Response.WriteAsync(body.ToUpperInvariant());
            }
        }

        public static class Totals
        {
            public static long Sum(int[] values)
            {
                long total = 0;
                Parallel.For(0, values.Length, i => { total += values[i]; });
                return total;
            }

            private static readonly object s_gate = new object();
            private static long s_seen;

            public static long Seen { get { lock (s_gate) { return s_seen; } } }

            public static void See() => s_seen++;

            public static int Distinct(string[] words)
            {
                var seen = new System.Collections.Generic.HashSet<string>();
                Parallel.ForEach(words, w => { if (!seen.Contains(w)) seen.Add(w); });
                return seen.Count;
            }
        }

        public sealed class VisitCounter
        {
            private int _visits;

            public void Visit() => _visits++;

            public static void Register(Microsoft.Extensions.DependencyInjection.IServiceCollection services) =>
                Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<VisitCounter>(services);
        }

        public static class Tiles
        {
            public static void Clear(int[][] rows)
            {
                ThreadPool.SetMinThreads(256, 256);
                Parallel.For(0, rows.Length, i =>
                {
                    Parallel.For(0, rows[i].Length, j => { rows[i][j] = 0; });
                    var sum = rows[i].AsParallel().Sum();
                });
                var wide = new ParallelOptions { MaxDegreeOfParallelism = 64 };
                Parallel.ForEach(rows, wide, row => { for (var k = 0; k < 100_000; k++) { row[k % row.Length] ^= k; } });
                var threads = new System.Collections.Generic.List<Thread>();
                foreach (var row in rows)
                {
                    var thread = new Thread(() => { for (var k = 0; k < 100_000; k++) { row[k % row.Length] += k; } });
                    thread.Start();
                    threads.Add(thread);
                }
                foreach (var thread in threads) thread.Join();
                var lengths = Task.WhenAll(rows.Select(row => Task.Run(() => row.Length * 2))).Result;
            }
        }

        public sealed class OrdersController : Microsoft.AspNetCore.Mvc.ControllerBase
        {
            private readonly OrderService _orders = new();

            public string Get(string path) => _orders.LoadAsync(path, CancellationToken.None).Result + File.ReadAllText(path);

            public async Task<long> Checksum(int[] data)
            {
                long sum = 0;
                for (var i = 0; i < 20_000_000; i++) { sum += data[i % data.Length] * 31; }
                await Task.Yield();
                return sum;
            }
        }

        public static class Imaging
        {
            public static async Task<double[]> ScaleAsync(double[] input, CancellationToken cancellationToken)
            {
                var output = new double[input.Length];
                for (var i = 0; i < 30_000_000; i++)
                {
                    if (i >= input.Length) continue;
                    output[i] = Math.Sqrt(input[i]) * 2.0;
                }

                long hash = 17;
                foreach (var k in Enumerable.Range(0, 5_000_000)) { hash = (hash * 31) ^ k; }
                var key = System.Security.Cryptography.Rfc2898DeriveBytes.Pbkdf2("pw", new byte[16], 600_000, System.Security.Cryptography.HashAlgorithmName.SHA256, 32);
                await Task.Delay(1, cancellationToken);
                return output.Length + key.Length + hash > 0 ? output : input;
            }
        }
        """;

    [Fact]
    public async Task Empty_source_yields_nothing_and_no_exception()
    {
        var references = await AnalyzerRunner.ReferencesAsync();
        var (diagnostics, failures) = await AnalyzerRunner.AnalyzeAsync(AnalyzerRunner.Compile("", references));
        Assert.Empty(failures);
        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task The_corpus_itself_triggers_every_rule()
    {
        var references = await AnalyzerRunner.ReferencesAsync();
        var (diagnostics, failures) = await AnalyzerRunner.AnalyzeAsync(AnalyzerRunner.Compile(Corpus, references));
        Assert.Empty(failures);
        var ids = diagnostics.Select(d => d.Id).Distinct().OrderBy(id => id).ToArray();
        Assert.Equal(ProductCatalog.Descriptors.Select(d => d.Id).ToArray(), ids);
    }

    [Fact]
    public async Task Source_without_any_references_yields_no_exception()
    {
        var (_, failures) = await AnalyzerRunner.AnalyzeAsync(AnalyzerRunner.Compile(Corpus, ImmutableArray<MetadataReference>.Empty));
        Assert.Empty(failures);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Broken_sources_never_make_an_analyzer_or_fix_throw(int seed)
    {
        var references = await AnalyzerRunner.ReferencesAsync();
        var checkedVariants = 0;
        foreach (var (kind, source) in SourceMutator.Mutate(Corpus, perKind: 12, seed))
        {
            var (diagnostics, failures) = await AnalyzerRunner.AnalyzeAsync(AnalyzerRunner.Compile(source, references));
            Assert.True(failures.Count == 0, $"{kind} variant:\n{source}\n\n{string.Join("\n", failures)}");
            var fixFailures = await AnalyzerRunner.ApplyFixesAsync(source, diagnostics, references);
            Assert.True(fixFailures.Count == 0, $"{kind} variant:\n{source}\n\n{string.Join("\n", fixFailures)}");
            checkedVariants++;
        }

        Assert.True(checkedVariants >= 60, $"only {checkedVariants} variants were checked");
    }

    [Fact]
    public async Task Results_are_the_same_with_and_without_concurrent_execution()
    {
        var references = await AnalyzerRunner.ReferencesAsync();
        var compilation = AnalyzerRunner.Compile(Corpus, references);
        var (concurrent, _) = await AnalyzerRunner.AnalyzeAsync(compilation, concurrent: true);
        var (sequential, _) = await AnalyzerRunner.AnalyzeAsync(compilation, concurrent: false);
        Assert.Equal(Describe(sequential), Describe(concurrent));
        Assert.NotEmpty(concurrent);
    }

    private static string[] Describe(ImmutableArray<Diagnostic> diagnostics) =>
        diagnostics.Select(d => $"{d.Id} {d.Location.SourceSpan} {d.GetMessage()}").OrderBy(s => s).ToArray();
}
