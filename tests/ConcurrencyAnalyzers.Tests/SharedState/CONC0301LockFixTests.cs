using System.Threading.Tasks;
using ConcurrencyAnalyzers.CodeFixes.SharedState;
using ConcurrencyAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.CSharp;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    ConcurrencyAnalyzers.SharedState.CONC0301UnsynchronizedUpdateAnalyzer,
    ConcurrencyAnalyzers.CodeFixes.SharedState.CONC0301UnsynchronizedUpdateCodeFix>;

namespace ConcurrencyAnalyzers.Tests.SharedState;

/// <summary>The CONC0301 action that takes a lock around the update.</summary>
public class CONC0301LockFixTests
{
    private static Task VerifyAsync(string source, string fixedSource, LanguageVersion version = LanguageVersion.CSharp12) => new Verify.Test
    {
        TestCode = source,
        FixedCode = fixedSource,
        LanguageVersion = version,
        CodeActionEquivalenceKey = CONC0301UnsynchronizedUpdateCodeFix.LockKey,
    }.RunAsync();

    [Fact]
    public Task A_new_lock_field_guards_updates_Interlocked_cannot_do() => VerifyAsync("""
        using System.Threading.Tasks;
        class Report
        {
            private decimal _revenue;
            private double _score;

            void M(decimal[] totals)
            {
                Parallel.ForEach(totals, total =>
                {
                    {|CONC0301:_revenue += total|};
                    if (total > 0)
                        {|CONC0301:_score = _score + 1|};
                });
            }
        }
        """, """
        using System.Threading.Tasks;
        class Report
        {
            private decimal _revenue;
            private double _score;
            private readonly object _gate = new object();

            void M(decimal[] totals)
            {
                Parallel.ForEach(totals, total =>
                {
                    lock (_gate)
                    {
                        _revenue += total;
                    }
                    if (total > 0)
                        lock (_gate)
                        {
                            _score = _score + 1;
                        }
                });
            }
        }
        """);

    [Fact]
    public Task An_existing_lock_object_is_reused_and_static_storage_gets_a_static_lock() => VerifyAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        class Report
        {
            private static double s_all;
            private readonly object _sync = new();
            private double _sum;

            async Task M(double[] values)
            {
                var tasks = new List<Task>();
                foreach (var value in values)
                {
                    tasks.Add(Task.Run(() => {|CONC0301:_sum += value|}));
                    tasks.Add(Task.Run(() => {|CONC0301:s_all += value|}));
                }

                await Task.WhenAll(tasks);
            }

            static double Total(double[] values)
            {
                double total = 0;
                Parallel.For(0, values.Length, i => { {|CONC0301:total += values[i]|}; });
                return total;
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        class Report
        {
            private static double s_all;
            private readonly object _sync = new();
            private double _sum;
            private static readonly object s_gate = new object();

            async Task M(double[] values)
            {
                var tasks = new List<Task>();
                foreach (var value in values)
                {
                    tasks.Add(Task.Run(() =>
                    {
                        lock (_sync)
                        {
                            return _sum += value;
                        }
                    }));
                    tasks.Add(Task.Run(() =>
                    {
                        lock (s_gate)
                        {
                            return s_all += value;
                        }
                    }));
                }

                await Task.WhenAll(tasks);
            }

            static double Total(double[] values)
            {
                double total = 0;
                Parallel.For(0, values.Length, i => {
                    lock (s_gate)
                    {
                        total += values[i];
                    }
                });
                return total;
            }
        }
        """);

    [Fact]
    public Task Taken_names_are_skipped_and_a_type_without_fields_gets_the_field_first() => VerifyAsync("""
        using System.Threading.Tasks;
        class Report
        {
            void M(string[] lines)
            {
                var _gate = 0;
                var text = "";
                Parallel.ForEach(lines, line => {|CONC0301:text += line|});
            }
        }
        """, """
        using System.Threading.Tasks;
        class Report
        {
            private readonly object _gate2 = new object();

            void M(string[] lines)
            {
                var _gate = 0;
                var text = "";
                Parallel.ForEach(lines, line =>
                {
                    lock (_gate2)
                    {
                        text += line;
                    }
                });
            }
        }
        """);

    [Fact]
    public Task With_CSharp_13_and_a_framework_that_has_it_the_field_is_a_Lock() => new Verify.Test
    {
        TestCode = """
            using System.Threading.Tasks;
            class Report
            {
                private double _sum;
                void M(double[] values) => Parallel.ForEach(values, v => {|CONC0301:_sum += v|});
            }
            """,
        FixedCode = """
            using System.Threading;
            using System.Threading.Tasks;
            class Report
            {
                private double _sum;
                private readonly Lock _gate = new Lock();
                void M(double[] values) => Parallel.ForEach(values, v =>
                {
                    lock (_gate)
                    {
                        _sum += v;
                    }
                });
            }
            """,
        ReferenceAssemblies = TestReferences.Net100,
        LanguageVersion = LanguageVersion.CSharp13,
        CodeActionEquivalenceKey = CONC0301UnsynchronizedUpdateCodeFix.LockKey,
    }.RunAsync();

    [Fact]
    public Task Not_offered_where_a_lock_cannot_wrap_the_update()
    {
        var source = """
            using System.Threading.Tasks;
            partial class Report
            {
                private double _sum;

                void M(double[] values)
                {
                    double total = 0;
                    Parallel.ForEach(values, async v =>
                    {
                        var before = {|CONC0301:total++|};
                        {|CONC0301:total += await Task.FromResult(v)|};
                        if ({|CONC0301:total++|} > 3) { }
                        Add(out var x, {|CONC0301:total++|});
                    });
                }

                static void Add(out int x, double y) => x = 0;
            }

            partial class Report
            {
                void N(double[] values) => Parallel.ForEach(values, v => {|CONC0301:_sum += v|});
            }
            """;
        return new Verify.Test
        {
            TestCode = source,
            FixedCode = source,
            CodeActionEquivalenceKey = CONC0301UnsynchronizedUpdateCodeFix.LockKey,
        }.RunAsync();
    }

    [Fact]
    public Task Not_offered_in_top_level_statements() => new Verify.Test
    {
        TestState =
        {
            Sources =
            {
                """
                using System.Threading.Tasks;
                double total = 0;
                Parallel.For(0, 10, i => {|CONC0301:total += i|});
                """,
            },
            OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication,
        },
        FixedState =
        {
            Sources =
            {
                """
                using System.Threading.Tasks;
                double total = 0;
                Parallel.For(0, 10, i => {|CONC0301:total += i|});
                """,
            },
        },
        CodeActionEquivalenceKey = CONC0301UnsynchronizedUpdateCodeFix.LockKey,
    }.RunAsync();

    [Fact]
    public Task Fix_all_in_project_adds_one_field_per_type() => new Verify.Test
    {
        TestState =
        {
            Sources =
            {
                """
                using System.Threading.Tasks;
                class A
                {
                    private double _x;
                    private double _y;
                    void M(double[] d) => Parallel.ForEach(d, v => { {|CONC0301:_x += v|}; {|CONC0301:_y -= v|}; });
                }
                """,
                """
                using System.Threading.Tasks;
                class B
                {
                    private static decimal s_total;
                    static void M(decimal[] d) => Parallel.ForEach(d, v => { {|CONC0301:s_total += v|}; });
                }
                """,
            },
        },
        FixedState =
        {
            Sources =
            {
                """
                using System.Threading.Tasks;
                class A
                {
                    private double _x;
                    private double _y;
                    private readonly object _gate = new object();
                    void M(double[] d) => Parallel.ForEach(d, v => {
                        lock (_gate)
                        {
                            _x += v;
                        }
                        lock (_gate)
                        {
                            _y -= v;
                        }
                    });
                }
                """,
                """
                using System.Threading.Tasks;
                class B
                {
                    private static decimal s_total;
                    private static readonly object s_gate = new object();
                    static void M(decimal[] d) => Parallel.ForEach(d, v => {
                        lock (s_gate)
                        {
                            s_total += v;
                        }
                    });
                }
                """,
            },
        },
        CodeActionEquivalenceKey = CONC0301UnsynchronizedUpdateCodeFix.LockKey,
        CodeFixTestBehaviors = CodeFixTestBehaviors.SkipFixAllInDocumentCheck,
    }.RunAsync();
}
