using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    ConcurrencyAnalyzers.ThreadCount.CONC0402OversubscribedDegreeAnalyzer,
    ConcurrencyAnalyzers.CodeFixes.ThreadCount.CONC0402OversubscribedDegreeCodeFix>;

namespace ConcurrencyAnalyzers.Tests.ThreadCount;

public class CONC0402OversubscribedDegreeFixTests
{
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

    [Fact]
    public Task Every_kind_of_degree_becomes_the_processor_count() => Verify.VerifyCodeFixAsync("""
        using System.Linq;
        using System.Threading.Tasks;
        class Renderer
        {
            void M(int[] seeds)
            {
                Parallel.ForEach(seeds, new ParallelOptions { MaxDegreeOfParallelism = {|CONC0402:64|} }, seed => Work.Crunch(seed));
                var options = new ParallelOptions { MaxDegreeOfParallelism = {|CONC0402:System.Environment.ProcessorCount * 4|} };
                Parallel.For(0, seeds.Length, options, i => Work.Crunch(seeds[i]));
                options.MaxDegreeOfParallelism = {|CONC0402:seeds.Length|} /* one per seed */;
                var sums = seeds.AsParallel().WithDegreeOfParallelism({|CONC0402:32|}).Select(seed => Work.Crunch(seed)).ToArray();
            }
        }
        """ + Work, """
        using System;
        using System.Linq;
        using System.Threading.Tasks;
        class Renderer
        {
            void M(int[] seeds)
            {
                Parallel.ForEach(seeds, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, seed => Work.Crunch(seed));
                var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
                Parallel.For(0, seeds.Length, options, i => Work.Crunch(seeds[i]));
                options.MaxDegreeOfParallelism = Environment.ProcessorCount /* one per seed */;
                var sums = seeds.AsParallel().WithDegreeOfParallelism(Environment.ProcessorCount).Select(seed => Work.Crunch(seed)).ToArray();
            }
        }
        """ + Work);

    [Fact]
    public Task Fix_all_in_project_fixes_every_document() => new Verify.Test
    {
        TestState =
        {
            Sources =
            {
                """
                using System.Threading.Tasks;
                class A { void M(int[] s) => Parallel.ForEach(s, new ParallelOptions { MaxDegreeOfParallelism = {|CONC0402:64|} }, x => Work.Crunch(x)); }
                """ + Work,
                """
                using System;
                using System.Linq;
                class B { long[] M(int[] s) => s.AsParallel().WithDegreeOfParallelism({|CONC0402:s.Length|}).Select(x => Work.Crunch(x)).ToArray(); }
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
                class A { void M(int[] s) => Parallel.ForEach(s, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, x => Work.Crunch(x)); }
                """ + Work,
                """
                using System;
                using System.Linq;
                class B { long[] M(int[] s) => s.AsParallel().WithDegreeOfParallelism(Environment.ProcessorCount).Select(x => Work.Crunch(x)).ToArray(); }
                """,
            },
        },
        CodeFixTestBehaviors = CodeFixTestBehaviors.None,
    }.RunAsync();
}
