using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    ConcurrencyAnalyzers.ThreadCount.CONC0401ThreadPerItemAnalyzer,
    ConcurrencyAnalyzers.CodeFixes.ThreadCount.CONC0401ThreadPerItemCodeFix>;

namespace ConcurrencyAnalyzers.Tests.ThreadCount;

public class CONC0401ThreadPerItemTests
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
    public Task Threads_and_long_running_tasks_per_item_are_reported(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        class Jobs
        {
            void M(int[] seeds, List<int> queue, int n)
            {
                foreach (var seed in seeds)
                {
                    var thread = {|CONC0401:new Thread(() => Work.Crunch(seed))|};
                    thread.Start();
                }

                for (var i = 0; i < seeds.Length; i++)
                {
                    var index = i;
                    {|CONC0401:new Thread(() => Work.Crunch(seeds[index]))|}.Start();
                }

                for (var i = 0; i < 64; i++)
                {
                    var index = i;
                    {|CONC0401:new Thread(() => Work.Crunch(index))|}.Start();
                }

                var tasks = seeds.Select(seed => Task.Factory.{|CONC0401:StartNew|}(() => Work.Crunch(seed), TaskCreationOptions.LongRunning)).ToArray();
                queue.ForEach(seed => Task.Factory.{|CONC0401:StartNew|}(() => Work.Crunch(seed), CancellationToken.None, TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach, TaskScheduler.Default));
                while (n-- > 0)
                {
                    {|CONC0401:new Thread(() => { for (var k = 0; k < 100_000; k++) { } })|}.Start();
                }
            }
        }
        """ + Work, version);

    [Fact]
    public Task Message_names_the_start_the_items_and_the_work() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;
        class C
        {
            void M(int[] seeds)
            {
                foreach (var seed in seeds)
                {
                    {|#0:new Thread(() => Work.Crunch(seed))|}.Start();
                }
            }
        }
        """ + Work,
        Verify.Diagnostic().WithLocation(0).WithArguments("'new Thread'", "one per item of 'seeds'", "about 10^5 iterations (100,000)"));

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Top_level_statements_generic_and_partial_members_are_reported(LanguageVersion version) => new Verify.Test
    {
        LanguageVersion = version,
        TestState = { OutputKind = OutputKind.ConsoleApplication },
        TestCode = """
            using System.Threading;

            foreach (var arg in args)
            {
                {|CONC0401:new Thread(() => Work.Crunch(arg.Length))|}.Start();
            }

            partial class Pool<T>
            {
                partial void Run(T[] items);
            }

            partial class Pool<T>
            {
                partial void Run(T[] items)
                {
                    foreach (var item in items)
                    {
                        var worker = {|CONC0401:new Thread(() => Work.Crunch(item!.GetHashCode()))|};
                        worker.Start();
                    }
                }
            }
            """ + Work,
    }.RunAsync();

    // ---- Negatives -------------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Single_threads_counts_from_the_cores_small_fixed_sets_IO_and_unstarted_threads_are_not_reported(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.IO;
        using System.Net.Sockets;
        using System.Threading;
        using System.Threading.Tasks;
        class Server
        {
            void M(int[] seeds, string[] paths, TcpListener listener, bool running)
            {
                new Thread(() => Work.Crunch(1)).Start();
                for (var i = 0; i < Environment.ProcessorCount; i++)
                {
                    var index = i;
                    new Thread(() => Work.Crunch(index)).Start();
                }

                for (var i = 0; i < 4; i++)
                {
                    var index = i;
                    new Thread(() => Work.Crunch(index)).Start();
                }

                foreach (var path in paths)
                {
                    new Thread(() => File.ReadAllText(path)).Start();
                }

                while (running)
                {
                    var client = listener.AcceptTcpClient();
                    new Thread(() => { using var stream = client.GetStream(); stream.ReadByte(); }).Start();
                }

                foreach (var seed in seeds)
                {
                    var idle = new Thread(() => Work.Crunch(seed));
                    Task.Factory.StartNew(() => Work.Crunch(seed));
                    Task.Factory.StartNew(() => Work.Crunch(seed), TaskCreationOptions.PreferFairness);
                    new Thread(() => { }).Start();
                    void Local() => new Thread(() => Work.Crunch(seed)).Start();
                }
            }
        }
        """ + Work, version);

    [Fact]
    public Task A_Thread_type_of_our_own_is_not_reported() => Verify.VerifyAnalyzerAsync("""
        class Thread
        {
            public Thread(System.Action body) { }
            public void Start() { }
        }
        class C
        {
            void M(int[] seeds)
            {
                foreach (var seed in seeds) { new Thread(() => { for (var k = 0; k < 100_000; k++) { } }).Start(); }
            }
        }
        """);

    [Fact]
    public Task Generated_code_is_not_reported() => Verify.VerifyAnalyzerAsync("""
        // <auto-generated/>
        using System.Threading;
        class C
        {
            void M(int[] seeds)
            {
                foreach (var seed in seeds) { new Thread(() => Work.Crunch(seed)).Start(); }
            }
        }
        """ + Work);
}
