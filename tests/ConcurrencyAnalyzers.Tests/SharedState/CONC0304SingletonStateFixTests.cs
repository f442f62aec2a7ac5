using System.Threading.Tasks;
using ConcurrencyAnalyzers.CodeFixes.SharedState;
using Microsoft.CodeAnalysis.Testing;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    ConcurrencyAnalyzers.SharedState.CONC0304SingletonStateAnalyzer,
    ConcurrencyAnalyzers.CodeFixes.SharedState.CONC0301UnsynchronizedUpdateCodeFix>;

namespace ConcurrencyAnalyzers.Tests.SharedState;

/// <summary>
/// CONC0304 shares CONC0301's fix: Interlocked where it does the same update, a lock otherwise. CONC0304 is reported
/// at compilation end, which the testing library calls non-local: its check that fixes only target local
/// diagnostics is skipped here.
/// </summary>
public class CONC0304SingletonStateFixTests
{
    private static Task VerifyAsync(string source, string fixedSource, string? key = null) => new Verify.Test
    {
        TestCode = source,
        FixedCode = fixedSource,
        CodeActionEquivalenceKey = key,
        CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
    }.RunAsync();

    [Fact]
    public Task Counters_become_Interlocked_calls() => VerifyAsync("""
        using Microsoft.Extensions.DependencyInjection;

        class Metrics
        {
            private int _requests;
            private long _bytes;
            private uint _errors;

            public void Record(int size, bool failed)
            {
                {|CONC0304:_requests++|};
                {|CONC0304:_bytes = _bytes + size|};
                if (failed)
                    {|CONC0304:_errors += 1|};
            }

            public void Forget(int size) => {|CONC0304:_bytes -= size|};
        }

        static class Startup
        {
            public static void Configure(IServiceCollection services) => services.AddSingleton<Metrics>();
        }
        """, """
        using System.Threading;
        using Microsoft.Extensions.DependencyInjection;

        class Metrics
        {
            private int _requests;
            private long _bytes;
            private uint _errors;

            public void Record(int size, bool failed)
            {
                Interlocked.Increment(ref _requests);
                Interlocked.Add(ref _bytes, size);
                if (failed)
                    Interlocked.Add(ref _errors, 1);
            }

            public void Forget(int size) => Interlocked.Add(ref _bytes, -size);
        }

        static class Startup
        {
            public static void Configure(IServiceCollection services) => services.AddSingleton<Metrics>();
        }
        """);

    [Fact]
    public Task The_lock_action_guards_updates_Interlocked_cannot_do() => VerifyAsync(
        """
            using Microsoft.Extensions.DependencyInjection;

            class Revenue
            {
                private decimal _total;
                private double _average;

                public void Add(decimal amount)
                {
                    {|CONC0304:_total += amount|};
                    {|CONC0304:_average = _average + 1.5|};
                }
            }

            static class Startup
            {
                public static void Configure(IServiceCollection services) => services.AddSingleton<Revenue>();
            }
            """,
        """
            using Microsoft.Extensions.DependencyInjection;

            class Revenue
            {
                private decimal _total;
                private double _average;
                private readonly object _gate = new object();

                public void Add(decimal amount)
                {
                    lock (_gate)
                    {
                        _total += amount;
                    }
                    lock (_gate)
                    {
                        _average = _average + 1.5;
                    }
                }
            }

            static class Startup
            {
                public static void Configure(IServiceCollection services) => services.AddSingleton<Revenue>();
            }
            """,
        CONC0301UnsynchronizedUpdateCodeFix.LockKey);

    [Fact]
    public Task Interlocked_is_not_offered_where_it_would_change_the_result()
    {
        var source = """
            using Microsoft.Extensions.DependencyInjection;

            class Counter
            {
                private int _n;
                private decimal _sum;

                public int Next() => {|CONC0304:_n++|};
                public void Double() => {|CONC0304:_n *= 2|};
                public void Add(decimal d) => {|CONC0304:_sum += d|};
                public void Checked() { checked { {|CONC0304:_n++|}; } }
            }

            static class Startup
            {
                public static void Configure(IServiceCollection services) => services.AddSingleton<Counter>();
            }
            """;
        // The lock action still applies here; this is about the Interlocked one.
        return VerifyAsync(source, source, DiagnosticIds.UnsynchronizedUpdate);
    }

    [Fact]
    public Task Fix_all_in_project_fixes_every_document() => new Verify.Test
    {
        TestState =
        {
            Sources =
            {
                """
                using System;
                class A { int _n; public void M(int i) { {|CONC0304:_n++|}; {|CONC0304:_n = i + _n|}; } }
                """,
                """
                using System;
                class B { long _s; public void M() => {|CONC0304:_s--|}; }
                """,
                """
                using Microsoft.Extensions.DependencyInjection;
                static class Startup
                {
                    public static void Configure(IServiceCollection services) => services.AddSingleton<A>().AddSingleton<B>();
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
                class A { int _n; public void M(int i) { Interlocked.Increment(ref _n); Interlocked.Add(ref _n, i); } }
                """,
                """
                using System;
                using System.Threading;
                class B { long _s; public void M() => Interlocked.Decrement(ref _s); }
                """,
                """
                using Microsoft.Extensions.DependencyInjection;
                static class Startup
                {
                    public static void Configure(IServiceCollection services) => services.AddSingleton<A>().AddSingleton<B>();
                }
                """,
            },
        },
        CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
    }.RunAsync();
}
