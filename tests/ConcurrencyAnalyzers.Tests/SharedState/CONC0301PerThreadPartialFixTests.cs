using System.Threading.Tasks;
using ConcurrencyAnalyzers.CodeFixes.SharedState;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    ConcurrencyAnalyzers.SharedState.CONC0301UnsynchronizedUpdateAnalyzer,
    ConcurrencyAnalyzers.CodeFixes.SharedState.CONC0301UnsynchronizedUpdateCodeFix>;

namespace ConcurrencyAnalyzers.Tests.SharedState;

/// <summary>The CONC0301 action that moves a captured sum into a per-thread partial (localInit/localFinally).</summary>
public class CONC0301PerThreadPartialFixTests
{
    private static Task VerifyAsync(string source, string fixedSource) => new Verify.Test
    {
        TestCode = source,
        FixedCode = fixedSource,
        CodeActionEquivalenceKey = CONC0301UnsynchronizedUpdateCodeFix.ThreadLocalKey,
    }.RunAsync();

    [Fact]
    public Task A_counter_in_a_block_body_becomes_a_per_thread_partial() => VerifyAsync("""
        using System.Threading.Tasks;
        class Stats
        {
            long CountValid(int[] readings)
            {
                long count = 0;
                Parallel.For(0, readings.Length, i =>
                {
                    if (readings[i] > 0)
                    {
                        {|CONC0301:count++|};
                    }
                });
                return count;
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;
        class Stats
        {
            long CountValid(int[] readings)
            {
                long count = 0;
                Parallel.For(0, readings.Length, () => 0L, (i, state, localCount) =>
                {
                    if (readings[i] > 0)
                    {
                        localCount++;
                    }
                    return localCount;
                }, localCount => Interlocked.Add(ref count, localCount));
                return count;
            }
        }
        """);

    [Fact]
    public Task Expression_bodies_loop_state_returns_and_every_additive_form_are_rewritten() => VerifyAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        class Stats
        {
            void M(int[] data, List<string> names)
            {
                var hits = 0;
                Parallel.For(0, data.Length, i => {|CONC0301:hits++|});
                long bytes = 0;
                Parallel.ForEach(names, new ParallelOptions(), (name, state) =>
                {
                    if (name.Length == 0)
                    {
                        state.Stop();
                        return;
                    }

                    {|CONC0301:bytes += name.Length|};
                    {|CONC0301:bytes = bytes - 1|};
                    {|CONC0301:bytes = 2 + bytes|};
                });
                var total = 0;
                Parallel.ForEach(data, x => {|CONC0301:total += x|});
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        class Stats
        {
            void M(int[] data, List<string> names)
            {
                var hits = 0;
                Parallel.For(0, data.Length, () => 0, (i, state, localHits) => ++localHits, localHits => Interlocked.Add(ref hits, localHits));
                long bytes = 0;
                Parallel.ForEach(names, new ParallelOptions(), () => 0L, (name, state, localBytes) =>
                {
                    if (name.Length == 0)
                    {
                        state.Stop();
                        return localBytes;
                    }

                    localBytes += name.Length;
                    localBytes = localBytes - 1;
                    localBytes = 2 + localBytes;
                    return localBytes;
                }, localBytes => Interlocked.Add(ref bytes, localBytes));
                var total = 0;
                Parallel.ForEach(data, () => 0, (x, state, localTotal) => localTotal += x, localTotal => Interlocked.Add(ref total, localTotal));
            }
        }
        """);

    [Fact]
    public Task Names_in_use_are_not_reused_and_an_unreachable_end_gets_no_return() => VerifyAsync("""
        using System;
        using System.Threading.Tasks;
        class Stats
        {
            void M(int[] data)
            {
                long count = 0;
                var state = 1;
                Parallel.For(0L, data.Length, i =>
                {
                    var localCount = state;
                    {|CONC0301:count += localCount|};
                    throw new InvalidOperationException();
                });
            }
        }
        """, """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        class Stats
        {
            void M(int[] data)
            {
                long count = 0;
                var state = 1;
                Parallel.For(0L, data.Length, () => 0L, (i, state2, localCount2) =>
                {
                    var localCount = state;
                    localCount2 += localCount;
                    throw new InvalidOperationException();
                }, localCount2 => Interlocked.Add(ref count, localCount2));
            }
        }
        """);

    [Fact]
    public Task Not_offered_where_a_partial_would_change_the_result()
    {
        var source = """
            using System;
            using System.Linq;
            using System.Threading.Tasks;
            class Stats
            {
                private long _field;

                void M(int[] data)
                {
                    long read = 0, product = 1, a = 0, b = 0, nested = 0, named = 0, typed = 0, valued = 0, indexed = 0, doubled = 0;
                    double sum = 0;
                    Parallel.For(0, data.Length, i => { {|CONC0301:read++|}; Console.WriteLine(read); });
                    Parallel.For(0, data.Length, i => {|CONC0301:product *= 2|});
                    Parallel.For(0, data.Length, i => { {|CONC0301:a++|}; {|CONC0301:b++|}; });
                    Parallel.For(0, data.Length, i => { Action inner = () => nested++; inner(); {|CONC0301:nested++|}; });
                    Parallel.For(0, data.Length, body: i => {|CONC0301:named++|});
                    Parallel.For(0, data.Length, (int i) => {|CONC0301:typed++|});
                    Parallel.For(0, data.Length, i => { var v = {|CONC0301:++valued|}; });
                    Parallel.ForEach(data, (x, state, index) => {|CONC0301:indexed++|});
                    Parallel.For(0, data.Length, i => {|CONC0301:doubled += doubled|});
                    Parallel.For(0, data.Length, i => {|CONC0301:sum += data[i]|});
                    Parallel.For(0, data.Length, i => {|CONC0301:_field++|});
                    Parallel.For(0, data.Length, delegate (int i) { {|CONC0301:read++|}; });
                    data.AsParallel().ForAll(x => {|CONC0301:read++|});
                    checked { Parallel.For(0, data.Length, i => {|CONC0301:read++|}); }
                }
            }
            """;
        return new Verify.Test
        {
            TestCode = source,
            FixedCode = source,
            CodeActionEquivalenceKey = CONC0301UnsynchronizedUpdateCodeFix.ThreadLocalKey,
        }.RunAsync();
    }

    [Fact]
    public Task Fix_all_in_project_rewrites_every_loop() => new Verify.Test
    {
        TestState =
        {
            Sources =
            {
                """
                using System.Threading.Tasks;
                class A { long M(int[] d) { long n = 0; Parallel.For(0, d.Length, i => { {|CONC0301:n++|}; {|CONC0301:n += d[i]|}; }); return n; } }
                """,
                """
                using System.Threading.Tasks;
                class B { int M(int[] d) { var n = 0; Parallel.ForEach(d, x => {|CONC0301:n--|}); return n; } }
                """,
            },
        },
        FixedState =
        {
            Sources =
            {
                """
                using System.Threading;
                using System.Threading.Tasks;
                class A { long M(int[] d) { long n = 0; Parallel.For(0, d.Length, () => 0L, (i, state, localN) => { localN++; localN += d[i]; return localN; }, localN => Interlocked.Add(ref n, localN)); return n; } }
                """,
                """
                using System.Threading;
                using System.Threading.Tasks;
                class B { int M(int[] d) { var n = 0; Parallel.ForEach(d, () => 0, (x, state, localN) => --localN, localN => Interlocked.Add(ref n, localN)); return n; } }
                """,
            },
        },
        CodeActionEquivalenceKey = CONC0301UnsynchronizedUpdateCodeFix.ThreadLocalKey,
        CodeFixTestBehaviors = CodeFixTestBehaviors.SkipFixAllInDocumentCheck,
    }.RunAsync();

    [Theory]
    [InlineData(LanguageVersion.CSharp9)]
    [InlineData(LanguageVersion.CSharp13)]
    public Task Top_level_statements_get_the_rewrite_under_both_language_versions(LanguageVersion version) => new Verify.Test
    {
        LanguageVersion = version,
        TestState =
        {
            OutputKind = OutputKind.ConsoleApplication,
            Sources =
            {
                """
                using System.Threading.Tasks;
                var words = new[] { "a", "bb" };
                var letters = 0;
                Parallel.ForEach(words, w => {|CONC0301:letters += w.Length|});
                System.Console.WriteLine(letters);
                """,
            },
        },
        FixedState =
        {
            Sources =
            {
                """
                using System.Threading;
                using System.Threading.Tasks;
                var words = new[] { "a", "bb" };
                var letters = 0;
                Parallel.ForEach(words, () => 0, (w, state, localLetters) => localLetters += w.Length, localLetters => Interlocked.Add(ref letters, localLetters));
                System.Console.WriteLine(letters);
                """,
            },
        },
        CodeActionEquivalenceKey = CONC0301UnsynchronizedUpdateCodeFix.ThreadLocalKey,
    }.RunAsync();
}
