using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    ConcurrencyAnalyzers.ThreadCount.CONC0401ThreadPerItemAnalyzer,
    ConcurrencyAnalyzers.CodeFixes.ThreadCount.CONC0401ThreadPerItemCodeFix>;

namespace ConcurrencyAnalyzers.Tests.ThreadCount;

public class CONC0401ThreadPerItemFixTests
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
    public Task Start_and_join_per_item_becomes_Parallel_ForEach() => Verify.VerifyCodeFixAsync("""
        using System.Collections.Generic;
        using System.Threading;
        class Jobs
        {
            void Run(int[] seeds, List<string> names)
            {
                var threads = new List<Thread>();
                foreach (var seed in seeds)
                {
                    var thread = {|CONC0401:new Thread(() => Work.Crunch(seed))|};
                    thread.Start();
                    threads.Add(thread);
                }

                foreach (var thread in threads)
                {
                    thread.Join();
                }

                var workers = new List<Thread>();
                foreach (string name in names)
                {
                    var worker = {|CONC0401:new Thread(() =>
                    {
                        if (name.Length == 0)
                        {
                            return;
                        }

                        Work.Crunch(name.Length);
                    })|};
                    workers.Add(worker);
                    worker.Start();
                }
                foreach (var worker in workers) worker.Join();
            }
        }
        """ + Work, """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        class Jobs
        {
            void Run(int[] seeds, List<string> names)
            {
                Parallel.ForEach(seeds, seed => Work.Crunch(seed));
                Parallel.ForEach(names, (string name) =>
                {
                    if (name.Length == 0)
                    {
                        return;
                    }

                    Work.Crunch(name.Length);
                });
            }
        }
        """ + Work);

    [Fact]
    public Task No_fix_where_the_threads_are_configured_kept_or_not_joined()
    {
        var source = """
            using System.Collections.Generic;
            using System.Threading;
            class Jobs
            {
                private readonly List<Thread> _running = new List<Thread>();

                void Run(int[] seeds)
                {
                    var background = new List<Thread>();
                    foreach (var seed in seeds)
                    {
                        var thread = {|CONC0401:new Thread(() => Work.Crunch(seed))|};
                        thread.IsBackground = true;
                        thread.Start();
                        background.Add(thread);
                    }

                    foreach (var thread in background) thread.Join();

                    var kept = new List<Thread>();
                    foreach (var seed in seeds)
                    {
                        var thread = {|CONC0401:new Thread(() => Work.Crunch(seed))|};
                        thread.Start();
                        kept.Add(thread);
                    }

                    foreach (var thread in kept) thread.Join();
                    _running.AddRange(kept);

                    var unjoined = new List<Thread>();
                    foreach (var seed in seeds)
                    {
                        var thread = {|CONC0401:new Thread(() => Work.Crunch(seed))|};
                        thread.Start();
                        unjoined.Add(thread);
                    }

                    for (var i = 0; i < seeds.Length; i++)
                    {
                        var index = i;
                        {|CONC0401:new Thread(() => Work.Crunch(seeds[index]))|}.Start();
                    }
                }
            }
            """ + Work;
        return Verify.VerifyCodeFixAsync(source, source);
    }

    [Fact]
    public Task Fix_all_in_project_fixes_every_document() => new Verify.Test
    {
        TestState =
        {
            Sources =
            {
                """
                using System.Collections.Generic;
                using System.Threading;
                using System.Threading.Tasks;
                class A
                {
                    void M(int[] seeds)
                    {
                        var threads = new List<Thread>();
                        foreach (var seed in seeds)
                        {
                            var thread = {|CONC0401:new Thread(() => Work.Crunch(seed))|};
                            thread.Start();
                            threads.Add(thread);
                        }
                        foreach (var thread in threads) thread.Join();
                    }
                }
                """ + Work,
                """
                using System.Collections.Generic;
                using System.Threading;
                using System.Threading.Tasks;
                class B
                {
                    void M(List<int> seeds)
                    {
                        var threads = new List<Thread>();
                        foreach (var seed in seeds)
                        {
                            var thread = {|CONC0401:new Thread(() => Work.Crunch(seed + 1))|};
                            thread.Start();
                            threads.Add(thread);
                        }
                        foreach (var thread in threads) thread.Join();
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
                using System.Collections.Generic;
                using System.Threading;
                using System.Threading.Tasks;
                class A
                {
                    void M(int[] seeds)
                    {
                        Parallel.ForEach(seeds, seed => Work.Crunch(seed));
                    }
                }
                """ + Work,
                """
                using System.Collections.Generic;
                using System.Threading;
                using System.Threading.Tasks;
                class B
                {
                    void M(List<int> seeds)
                    {
                        Parallel.ForEach(seeds, seed => Work.Crunch(seed + 1));
                    }
                }
                """,
            },
        },
        CodeFixTestBehaviors = CodeFixTestBehaviors.None,
    }.RunAsync();
}
