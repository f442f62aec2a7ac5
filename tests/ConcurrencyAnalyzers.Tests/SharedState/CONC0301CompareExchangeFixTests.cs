using System.Threading.Tasks;
using ConcurrencyAnalyzers.CodeFixes.SharedState;
using Microsoft.CodeAnalysis.CSharp;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    ConcurrencyAnalyzers.SharedState.CONC0301UnsynchronizedUpdateAnalyzer,
    ConcurrencyAnalyzers.CodeFixes.SharedState.CONC0301UnsynchronizedUpdateCodeFix>;

namespace ConcurrencyAnalyzers.Tests.SharedState;

/// <summary>The CONC0301 action that updates in an Interlocked.CompareExchange loop.</summary>
public class CONC0301CompareExchangeFixTests
{
    private static Task VerifyAsync(string source, string fixedSource, LanguageVersion version = LanguageVersion.CSharp12) => new Verify.Test
    {
        TestCode = source,
        FixedCode = fixedSource,
        LanguageVersion = version,
        CodeActionEquivalenceKey = CONC0301UnsynchronizedUpdateCodeFix.CompareExchangeKey,
    }.RunAsync();

    [Theory]
    [InlineData(LanguageVersion.CSharp9)]
    [InlineData(LanguageVersion.CSharp13)]
    public Task Doubles_compare_bits_and_integers_compare_values(LanguageVersion version) => VerifyAsync("""
        using System.Threading.Tasks;
        class Stats
        {
            private double _sum;
            private static long s_product = 1;

            void M(int[] data)
            {
                Parallel.For(0, data.Length, i =>
                {
                    {|CONC0301:_sum += data[i]|};
                    {|CONC0301:s_product *= data[i] + 1|};
                });
            }
        }
        """, """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        class Stats
        {
            private double _sum;
            private static long s_product = 1;

            void M(int[] data)
            {
                Parallel.For(0, data.Length, i =>
                {
                    while (true)
                    {
                        double initial = _sum;
                        double computed = initial + data[i];
                        if (BitConverter.DoubleToInt64Bits(Interlocked.CompareExchange(ref _sum, computed, initial)) == BitConverter.DoubleToInt64Bits(initial))
                        {
                            break;
                        }
                    }
                    while (true)
                    {
                        long initial = s_product;
                        long computed = initial * (data[i] + 1);
                        if (Interlocked.CompareExchange(ref s_product, computed, initial) == initial)
                        {
                            break;
                        }
                    }
                });
            }
        }
        """, version);

    [Fact]
    public Task Every_read_of_the_field_in_the_new_value_reads_the_snapshot() => VerifyAsync("""
        using System;
        using System.Threading;
        class Gauge
        {
            private int _max;
            private float _load;
            private string _log = "";

            void Start(int sample)
            {
                var t = new Timer(_ =>
                {
                    {|CONC0301:_max = Math.Max(_max, sample)|};
                    {|CONC0301:this._load = this._load * 0.5f|};
                    {|CONC0301:_log += "tick;"|};
                }, null, 0, 1000);
            }
        }
        """, """
        using System;
        using System.Threading;
        class Gauge
        {
            private int _max;
            private float _load;
            private string _log = "";

            void Start(int sample)
            {
                var t = new Timer(_ =>
                {
                    while (true)
                    {
                        int initial = _max;
                        int computed = Math.Max(initial, sample);
                        if (Interlocked.CompareExchange(ref _max, computed, initial) == initial)
                        {
                            break;
                        }
                    }
                    while (true)
                    {
                        float initial = this._load;
                        float computed = initial * 0.5f;
                        if (BitConverter.SingleToInt32Bits(Interlocked.CompareExchange(ref this._load, computed, initial)) == BitConverter.SingleToInt32Bits(initial))
                        {
                            break;
                        }
                    }
                    while (true)
                    {
                        string initial = _log;
                        string computed = initial + "tick;";
                        if (object.ReferenceEquals(Interlocked.CompareExchange(ref _log, computed, initial), initial))
                        {
                            break;
                        }
                    }
                }, null, 0, 1000);
            }
        }
        """);

    [Fact]
    public Task Checked_increments_expression_bodies_and_taken_names() => VerifyAsync("""
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        public class HitsController : ControllerBase
        {
            private static int s_hits;
            private static double s_rate;

            public void Hit(int initial) => {|CONC0301:s_rate /= 2|};

            public void Count()
            {
                checked
                {
                    {|CONC0301:s_hits++|};
                    var computed = s_hits;
                }
                Parallel.For(0, 4, i => {|CONC0301:s_rate -= i|});
            }
        }
        """, """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        public class HitsController : ControllerBase
        {
            private static int s_hits;
            private static double s_rate;

            public void Hit(int initial)
            {
                while (true)
                {
                    double initial2 = s_rate;
                    double computed = initial2 / 2;
                    if (BitConverter.DoubleToInt64Bits(Interlocked.CompareExchange(ref s_rate, computed, initial2)) == BitConverter.DoubleToInt64Bits(initial2))
                    {
                        break;
                    }
                }
            }

            public void Count()
            {
                checked
                {
                    while (true)
                    {
                        int initial = s_hits;
                        int computed2 = initial + 1;
                        if (Interlocked.CompareExchange(ref s_hits, computed2, initial) == initial)
                        {
                            break;
                        }
                    }
                    var computed = s_hits;
                }
                Parallel.For(0, 4, i =>
                {
                    while (true)
                    {
                        double initial = s_rate;
                        double computed = initial - i;
                        if (BitConverter.DoubleToInt64Bits(Interlocked.CompareExchange(ref s_rate, computed, initial)) == BitConverter.DoubleToInt64Bits(initial))
                        {
                            break;
                        }
                    }
                });
            }
        }
        """);

    [Fact]
    public Task Not_offered_for_used_values_effects_arrays_Interlocked_shapes_and_other_types()
    {
        const string source = """
            using System.Linq;
            using System.Threading.Tasks;
            class C
            {
                private static decimal s_money;
                private static int s_count;
                private static double s_total;
                private readonly double[] _bins = new double[4];
                private short _small;
                public static double Total;
                public System.Func<double> Read => () => s_total;

                static double Next() => 1;

                void M(int[] data)
                {
                    Parallel.For(0, data.Length, i =>
                    {
                        {|CONC0301:s_money += data[i]|};
                        {|CONC0301:s_count += data[i]|};
                        var seen = {|CONC0301:s_total *= 2|};
                        {|CONC0301:s_total += Next()|};
                        {|CONC0301:_bins[i % 4] *= 2|};
                        {|CONC0301:_small *= 2|};
                    });
                    var all = data.AsParallel().Select(x => {|CONC0301:s_total *= x|}).ToArray();
                }
            }
            """;
        return new Verify.Test
        {
            TestCode = source,
            FixedCode = source,
            CodeActionEquivalenceKey = CONC0301UnsynchronizedUpdateCodeFix.CompareExchangeKey,
        }.RunAsync();
    }

    [Fact]
    public Task Fix_all_in_project_rewrites_every_document() => new Verify.Test
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
                    void M(double[] d) => Parallel.ForEach(d, v =>
                    {
                        {|CONC0301:_x += v|};
                        {|CONC0301:_x *= v|};
                    });
                }
                """,
                """
                using System.Threading.Tasks;
                class B
                {
                    private static long s_mask;
                    static void M(long[] d) => Parallel.ForEach(d, v => {|CONC0301:s_mask |= v|});
                }
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
                using System.Threading.Tasks;
                class A
                {
                    private double _x;
                    void M(double[] d) => Parallel.ForEach(d, v =>
                    {
                        while (true)
                        {
                            double initial = _x;
                            double computed = initial + v;
                            if (BitConverter.DoubleToInt64Bits(Interlocked.CompareExchange(ref _x, computed, initial)) == BitConverter.DoubleToInt64Bits(initial))
                            {
                                break;
                            }
                        }
                        while (true)
                        {
                            double initial = _x;
                            double computed = initial * v;
                            if (BitConverter.DoubleToInt64Bits(Interlocked.CompareExchange(ref _x, computed, initial)) == BitConverter.DoubleToInt64Bits(initial))
                            {
                                break;
                            }
                        }
                    });
                }
                """,
                """
                using System.Threading;
                using System.Threading.Tasks;
                class B
                {
                    private static long s_mask;
                    static void M(long[] d) => Parallel.ForEach(d, v =>
                    {
                        while (true)
                        {
                            long initial = s_mask;
                            long computed = initial | v;
                            if (Interlocked.CompareExchange(ref s_mask, computed, initial) == initial)
                            {
                                break;
                            }
                        }
                    });
                }
                """,
            },
        },
        CodeActionEquivalenceKey = CONC0301UnsynchronizedUpdateCodeFix.CompareExchangeKey,
    }.RunAsync();
}
