using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    ConcurrencyAnalyzers.ThreadCount.CONC0403LargeMinThreadsAnalyzer,
    ConcurrencyAnalyzers.CodeFixes.ThreadCount.CONC0403LargeMinThreadsCodeFix>;

namespace ConcurrencyAnalyzers.Tests.ThreadCount;

public class CONC0403LargeMinThreadsFixTests
{
    [Fact]
    public Task Large_constants_become_the_processor_count() => Verify.VerifyCodeFixAsync("""
        using System.Threading;
        class Startup
        {
            private const int PoolFloor = 200;

            void Configure()
            {
                ThreadPool.SetMinThreads({|CONC0403:100|}, 100);
                ThreadPool.SetMinThreads({|CONC0403:PoolFloor|}, 8);
                ThreadPool.SetMinThreads(completionPortThreads: 300, workerThreads: {|CONC0403:64|});
                if (!ThreadPool.SetMinThreads({|CONC0403:500|} /* workers */, 10))
                {
                }
            }
        }
        """, """
        using System;
        using System.Threading;
        class Startup
        {
            private const int PoolFloor = 200;

            void Configure()
            {
                ThreadPool.SetMinThreads(Environment.ProcessorCount, Environment.ProcessorCount);
                ThreadPool.SetMinThreads(Environment.ProcessorCount, 8);
                ThreadPool.SetMinThreads(completionPortThreads: Environment.ProcessorCount, workerThreads: Environment.ProcessorCount);
                if (!ThreadPool.SetMinThreads(Environment.ProcessorCount /* workers */, 10))
                {
                }
            }
        }
        """);

    [Fact]
    public Task The_threshold_decides_which_completion_port_counts_are_replaced() => Verify.VerifyCodeFixAsync("""
        using System;
        using System.Threading;
        class C
        {
            void M() => ThreadPool.SetMinThreads({|CONC0403:100|}, 50);
        }
        """, """
        using System;
        using System.Threading;
        class C
        {
            void M() => ThreadPool.SetMinThreads(Environment.ProcessorCount, 50);
        }
        """, editorConfig: "CONC0403.max_min_threads = 64");

    [Fact]
    public Task Fix_all_in_project_fixes_every_document() => new Verify.Test
    {
        TestState =
        {
            Sources =
            {
                """
                using System.Threading;
                class A { void M() { ThreadPool.SetMinThreads({|CONC0403:200|}, 200); ThreadPool.SetMinThreads({|CONC0403:32|}, 2); } }
                """,
                """
                using System.Threading;
                class B { void M() => ThreadPool.SetMinThreads({|CONC0403:256|}, 256); }
                """,
            },
        },
        FixedState =
        {
            Sources =
            {
                """
                using System;
                using System.Threading;
                class A { void M() { ThreadPool.SetMinThreads(Environment.ProcessorCount, Environment.ProcessorCount); ThreadPool.SetMinThreads(Environment.ProcessorCount, 2); } }
                """,
                """
                using System;
                using System.Threading;
                class B { void M() => ThreadPool.SetMinThreads(Environment.ProcessorCount, Environment.ProcessorCount); }
                """,
            },
        },
        CodeFixTestBehaviors = CodeFixTestBehaviors.None,
    }.RunAsync();
}
