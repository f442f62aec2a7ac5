using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    ConcurrencyAnalyzers.SharedState.CONC0303InconsistentLockingAnalyzer,
    ConcurrencyAnalyzers.CodeFixes.SharedState.CONC0303InconsistentLockingCodeFix>;

namespace ConcurrencyAnalyzers.Tests.SharedState;

public class CONC0303InconsistentLockingTests
{
    public static IEnumerable<object[]> LanguageVersions => Verify.LanguageVersions;

    // ---- Positives -------------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Updates_outside_the_lock_of_a_field_locked_elsewhere_are_reported(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Threading;
        class Stats<T>
        {
            private readonly object _gate = new object();
            private long _count;
            private static int s_hits;
            private double _sum;
            private int _misses;

            public long Count { get { lock (_gate) { return _count; } } }

            public void Record(double value)
            {
                {|CONC0303:_count++|};
                {|CONC0303:_sum = _sum + value|};
                {|CONC0303:s_hits += 2|};
                Action later = () => {|CONC0303:_misses--|};
                lock (_gate) { Action inside = () => {|CONC0303:_misses++|}; }
            }

            public void Snapshot(out double sum, out int hits)
            {
                lock (_gate)
                {
                    sum = _sum;
                    hits = s_hits;
                    _misses = 0;
                }
            }
        }
        """, version);

    [Fact]
    public Task Message_names_the_field_and_the_member_that_locks_it() => Verify.VerifyAnalyzerAsync("""
        class C
        {
            private readonly object _gate = new object();
            private int _n;
            public int N { get { lock (_gate) { return {|#1:_n|}; } } }
            public void Add() => {|#0:_n += 1|};
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("_n", "N"));

    [Fact]
    public Task Partial_classes_are_one_type() => new Verify.Test
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
                    public void Locked() { lock (_gate) { _n++; } }
                }
                """,
                """
                partial class C
                {
                    public void Unlocked() { {|CONC0303:_n++|}; }
                }
                """,
            },
        },
    }.RunAsync();

    // ---- Negatives -------------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Locked_updates_constructors_other_fields_and_unlocked_types_are_not_reported(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;
        class Stats
        {
            private readonly object _gate = new object();
            private readonly SemaphoreSlim _semaphore = new SemaphoreSlim(1);
            private int _locked;
            private int _other;
            private int _counted;
            private static int s_initial = 1;
            private int _field = s_initial++;

            public Stats() { _locked++; s_initial++; }

            public int Locked { get { lock (_gate) { return _locked + s_initial; } } }

            public void Update(Stats peer)
            {
                lock (_gate) { _locked++; }
                Monitor.Enter(_gate);
                try { _locked += 2; } finally { Monitor.Exit(_gate); }
                _semaphore.Wait();
                try { _locked--; } finally { _semaphore.Release(); }
                Interlocked.Increment(ref _locked);
                _other++;
                _counted = _counted + 1;
                peer._locked++;
            }

            public void Parallel(int[] data) => System.Threading.Tasks.Parallel.For(0, data.Length, i => { });
        }

        class Single
        {
            private int _n;
            public void Add() => _n++;
        }
        """, version);

    [Fact]
    public Task Updates_CONC0301_reports_are_left_to_it() => Verify.VerifyAnalyzerAsync("""
        using System.Threading.Tasks;
        class C
        {
            private readonly object _gate = new object();
            private int _n;
            public int N { get { lock (_gate) { return _n; } } }
            public void Run() => Parallel.For(0, 10, i => _n++);
        }
        """);

    [Fact]
    public Task Updates_in_request_handlers_and_timer_callbacks_are_left_to_CONC0301() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;
        using Microsoft.AspNetCore.Mvc;
        public class StatsController : ControllerBase
        {
            private static readonly object s_gate = new object();
            private static int s_hits;
            public int Read() { lock (s_gate) { return s_hits; } }
            public void Hit() => s_hits++;
        }

        class Ticker
        {
            private readonly object _gate = new object();
            private int _ticks;
            public int Ticks { get { lock (_gate) { return _ticks; } } }
            public void Start() => new Timer(_ => _ticks++, null, 0, 1000);
            public void Bump() => {|CONC0303:_ticks++|};
        }
        """);

    [Fact]
    public Task Generated_code_is_not_reported() => Verify.VerifyAnalyzerAsync("""
        // <auto-generated/>
        class C
        {
            private readonly object _gate = new object();
            private int _n;
            public int N { get { lock (_gate) { return _n; } } }
            public void Add() => _n++;
        }
        """);
}
