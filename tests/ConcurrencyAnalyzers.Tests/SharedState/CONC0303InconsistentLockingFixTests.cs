using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    ConcurrencyAnalyzers.SharedState.CONC0303InconsistentLockingAnalyzer,
    ConcurrencyAnalyzers.CodeFixes.SharedState.CONC0303InconsistentLockingCodeFix>;

namespace ConcurrencyAnalyzers.Tests.SharedState;

public class CONC0303InconsistentLockingFixTests
{
    [Fact]
    public Task The_update_takes_the_lock_the_other_access_takes() => Verify.VerifyCodeFixAsync("""
        class Stats
        {
            private readonly object _other = new object();
            private readonly object _gate = new object();
            private static readonly object s_gate = new object();
            private long _count;
            private static int s_hits;

            public static int Hits { get { lock (s_gate) { return s_hits; } } }

            public long Count { get { lock (_gate) { return _count + s_hits; } } }

            public void Record(bool valid)
            {
                if (valid)
                {
                    {|CONC0303:_count++|};
                }

                {|CONC0303:s_hits += 1|};
            }

            public static void Hit() => {|CONC0303:s_hits--|};
        }
        """, """
        class Stats
        {
            private readonly object _other = new object();
            private readonly object _gate = new object();
            private static readonly object s_gate = new object();
            private long _count;
            private static int s_hits;

            public static int Hits { get { lock (s_gate) { return s_hits; } } }

            public long Count { get { lock (_gate) { return _count + s_hits; } } }

            public void Record(bool valid)
            {
                if (valid)
                {
                    lock (_gate)
                    {
                        _count++;
                    }
                }

                lock (s_gate)
                {
                    s_hits += 1;
                }
            }

            public static void Hit()
            {
                lock (s_gate)
                {
                    s_hits--;
                }
            }
        }
        """);

    [Fact]
    public Task Not_offered_where_the_lock_object_is_out_of_reach_or_not_a_field()
    {
        var source = """
            class Stats
            {
                private readonly object _gate = new object();
                private static int s_hits;
                private int _count;

                public int Hits { get { lock (_gate) { return s_hits; } } }

                public int Count { get { lock (this) { return _count; } } }

                public static void Hit() => {|CONC0303:s_hits++|};

                public void Add() { var x = {|CONC0303:_count++|}; }
            }
            """;
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
                partial class C
                {
                    private readonly object _gate = new object();
                    private int _n;
                    public int N { get { lock (_gate) { return _n; } } }
                    public void A() { {|CONC0303:_n++|}; }
                }
                """,
                """
                partial class C
                {
                    public void B() { {|CONC0303:_n -= 2|}; }
                }
                """,
            },
        },
        FixedState =
        {
            Sources =
            {
                """
                partial class C
                {
                    private readonly object _gate = new object();
                    private int _n;
                    public int N { get { lock (_gate) { return _n; } } }
                    public void A() {
                        lock (_gate)
                        {
                            _n++;
                        }
                    }
                }
                """,
                """
                partial class C
                {
                    public void B() {
                        lock (_gate)
                        {
                            _n -= 2;
                        }
                    }
                }
                """,
            },
        },
        CodeFixTestBehaviors = CodeFixTestBehaviors.SkipFixAllInDocumentCheck,
    }.RunAsync();
}
