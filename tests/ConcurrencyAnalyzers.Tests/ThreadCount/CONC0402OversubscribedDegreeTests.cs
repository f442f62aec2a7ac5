using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    ConcurrencyAnalyzers.ThreadCount.CONC0402OversubscribedDegreeAnalyzer,
    ConcurrencyAnalyzers.CodeFixes.ThreadCount.CONC0402OversubscribedDegreeCodeFix>;

namespace ConcurrencyAnalyzers.Tests.ThreadCount;

public class CONC0402OversubscribedDegreeTests
{
    public static IEnumerable<object[]> LanguageVersions => Verify.LanguageVersions;

    private const string Work = """
        static class Work
        {
            public static long Crunch(int seed)
            {
                long sum = 0;
                for (var k = 0; k < 100_000; k++) { sum += (k * seed) % 7; }
                return sum;
            }
        }
        """;

    // ---- Positives -------------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Large_constants_multiples_of_the_cores_and_item_counts_are_reported_for_CPU_bound_bodies(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using System.Threading.Tasks.Dataflow;
        class Renderer
        {
            void M(int[] seeds, List<int> jobs)
            {
                Parallel.ForEach(seeds, new ParallelOptions { MaxDegreeOfParallelism = {|CONC0402:64|} }, seed => Work.Crunch(seed));
                var options = new ParallelOptions { MaxDegreeOfParallelism = {|CONC0402:Environment.ProcessorCount * 4|} };
                Parallel.For(0, seeds.Length, options, i => Work.Crunch(seeds[i]));
                var perItem = new ParallelOptions();
                perItem.MaxDegreeOfParallelism = {|CONC0402:jobs.Count|};
                Parallel.ForEach(jobs, perItem, job => { for (var k = 0; k < 100_000; k++) { job += k; } });
                var sums = seeds.AsParallel().WithDegreeOfParallelism({|CONC0402:32|}).Select(seed => Work.Crunch(seed)).ToArray();
                var block = new ActionBlock<int>(seed => Work.Crunch(seed), new ExecutionDataflowBlockOptions { MaxDegreeOfParallelism = {|CONC0402:seeds.Length|} });
                Parallel.Invoke(new ParallelOptions { MaxDegreeOfParallelism = {|CONC0402:100|} }, () => Work.Crunch(1), () => Work.Crunch(2));
            }
        }
        """ + Work, version);

    [Fact]
    public Task Message_names_the_value_the_workers_and_the_work() => Verify.VerifyAnalyzerAsync("""
        using System.Threading.Tasks;
        class C
        {
            void M(int[] seeds) => Parallel.ForEach(seeds, new ParallelOptions { MaxDegreeOfParallelism = {|#0:64|} }, seed =>
            {
                long sum = 0;
                for (var k = 0; k < 100_000; k++) { sum += k % seed; }
            });
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("64", "64 workers", "about 10^5 iterations (100,000)"));

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Top_level_statements_generic_and_partial_members_are_reported(LanguageVersion version) => new Verify.Test
    {
        LanguageVersion = version,
        TestState = { OutputKind = OutputKind.ConsoleApplication },
        TestCode = """
            using System.Threading.Tasks;

            Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = {|CONC0402:48|} }, i => Work.Crunch(i));

            partial class Pool<T>
            {
                partial void Run(T[] items);
            }

            partial class Pool<T>
            {
                partial void Run(T[] items) =>
                    Parallel.ForEach(items, new ParallelOptions { MaxDegreeOfParallelism = {|CONC0402:items.Length|} }, item => Work.Crunch(item!.GetHashCode()));
            }
            """ + Work,
    }.RunAsync();

    // ---- Negatives -------------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Bounded_counts_small_constants_settings_and_the_default_are_not_reported(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Linq;
        using System.Threading.Tasks;
        class Renderer
        {
            private readonly int _configured = 12;

            void M(int[] seeds, int workers)
            {
                Parallel.ForEach(seeds, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, seed => Work.Crunch(seed));
                Parallel.ForEach(seeds, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount - 1 }, seed => Work.Crunch(seed));
                Parallel.ForEach(seeds, new ParallelOptions { MaxDegreeOfParallelism = Math.Min(seeds.Length, Environment.ProcessorCount) }, seed => Work.Crunch(seed));
                Parallel.ForEach(seeds, new ParallelOptions { MaxDegreeOfParallelism = 16 }, seed => Work.Crunch(seed));
                Parallel.ForEach(seeds, new ParallelOptions { MaxDegreeOfParallelism = -1 }, seed => Work.Crunch(seed));
                Parallel.ForEach(seeds, new ParallelOptions { MaxDegreeOfParallelism = workers }, seed => Work.Crunch(seed));
                Parallel.ForEach(seeds, new ParallelOptions { MaxDegreeOfParallelism = _configured * 2 }, seed => Work.Crunch(seed));
                var sums = seeds.AsParallel().WithDegreeOfParallelism(Environment.ProcessorCount).Select(seed => Work.Crunch(seed)).ToArray();
            }
        }
        """ + Work, version);

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task IO_bound_waiting_and_cheap_bodies_and_unused_options_are_not_reported(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System.IO;
        using System.Linq;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        class Downloader
        {
            private static readonly ParallelOptions s_wide = new ParallelOptions { MaxDegreeOfParallelism = 64 };

            async Task M(string[] paths, HttpClient http, int[] counts)
            {
                Parallel.ForEach(paths, new ParallelOptions { MaxDegreeOfParallelism = 64 }, path => File.ReadAllText(path));
                Parallel.ForEach(paths, new ParallelOptions { MaxDegreeOfParallelism = paths.Length }, path => Thread.Sleep(10));
                await Parallel.ForEachAsync(paths, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (path, token) => await http.GetStringAsync(path, token));
                Parallel.For(0, counts.Length, new ParallelOptions { MaxDegreeOfParallelism = 64 }, i => counts[i]++);
                var lengths = paths.AsParallel().WithDegreeOfParallelism(64).Select(path => File.ReadAllBytes(path).Length).ToArray();
                var unused = new ParallelOptions { MaxDegreeOfParallelism = 64 };
                Parallel.ForEach(paths, s_wide, path => { for (var k = 0; k < 100_000; k++) { } });
            }
        }
        """, version);

    [Fact]
    public Task A_type_of_our_own_with_the_same_property_is_not_reported() => Verify.VerifyAnalyzerAsync("""
        class ParallelOptions { public int MaxDegreeOfParallelism { get; set; } }
        class C
        {
            void M() { var options = new ParallelOptions { MaxDegreeOfParallelism = 500 }; }
        }
        """);

    [Fact]
    public Task Generated_code_is_not_reported() => Verify.VerifyAnalyzerAsync("""
        // <auto-generated/>
        using System.Threading.Tasks;
        class C
        {
            void M(int[] seeds) => Parallel.ForEach(seeds, new ParallelOptions { MaxDegreeOfParallelism = 64 }, seed => Work.Crunch(seed));
        }
        """ + Work);

    // ---- Options ---------------------------------------------------------------------------------------------

    [Fact]
    public Task The_threshold_is_configurable() => Verify.VerifyAnalyzerAsync("""
        using System.Threading.Tasks;
        class C
        {
            void M(int[] seeds)
            {
                Parallel.ForEach(seeds, new ParallelOptions { MaxDegreeOfParallelism = 64 }, seed => Work.Crunch(seed));
                Parallel.ForEach(seeds, new ParallelOptions { MaxDegreeOfParallelism = {|CONC0402:65|} }, seed => Work.Crunch(seed));
            }
        }
        """ + Work, editorConfig: "CONC0402.max_degree = 64");

    [Theory]
    [InlineData("lots")]
    [InlineData("-1")]
    [InlineData("")]
    public Task An_invalid_threshold_falls_back_to_16(string value) => Verify.VerifyAnalyzerAsync("""
        using System.Threading.Tasks;
        class C
        {
            void M(int[] seeds)
            {
                Parallel.ForEach(seeds, new ParallelOptions { MaxDegreeOfParallelism = 16 }, seed => Work.Crunch(seed));
                Parallel.ForEach(seeds, new ParallelOptions { MaxDegreeOfParallelism = {|CONC0402:17|} }, seed => Work.Crunch(seed));
            }
        }
        """ + Work, editorConfig: "CONC0402.max_degree = " + value);
}
