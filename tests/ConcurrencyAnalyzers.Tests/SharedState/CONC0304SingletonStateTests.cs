using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    ConcurrencyAnalyzers.SharedState.CONC0304SingletonStateAnalyzer,
    ConcurrencyAnalyzers.CodeFixes.SharedState.CONC0301UnsynchronizedUpdateCodeFix>;

namespace ConcurrencyAnalyzers.Tests.SharedState;

public class CONC0304SingletonStateTests
{
    public static IEnumerable<object[]> LanguageVersions => Verify.LanguageVersions;

    // ---- Positives -------------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Updates_of_fields_of_every_kind_of_singleton_registration_are_reported(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.DependencyInjection.Extensions;

        interface ICounter { void Hit(); }
        interface IRepository<T> { void Save(T item); }

        class Counter : ICounter
        {
            private int _hits;
            private long _bytes;
            private double _average;
            public void Hit() => {|CONC0304:_hits++|};
            public void Add(int n)
            {
                {|CONC0304:_bytes += n|};
                {|CONC0304:this._average = _average + n|};
                {|CONC0304:--_hits|};
            }
        }

        class Cache { private int _misses; public int Miss() { return {|CONC0304:++_misses|}; } }
        class Gauge { private int _level; public int Level { set { {|CONC0304:_level -= value|}; } } }
        class Repository<T> : IRepository<T> { private int _saved; public void Save(T item) => {|CONC0304:_saved++|}; }
        class Clock { private long _ticks; public Clock(long start) { _ticks = start; _ticks++; } public void Tick() => {|CONC0304:_ticks++|}; }
        class Meter { private int _n; public void Mark(List<int> values) => values.ForEach(v => {|CONC0304:_n += v|}); }
        class Tally { private int _n; public void Add() { void Local() => {|CONC0304:_n++|}; Local(); } }
        class Board { private int _n; public void Post() => {|CONC0304:_n++|}; }
        class Keyed { private int _n; public void Use() => {|CONC0304:_n++|}; }
        class Base { protected int _served; public void Serve() => {|CONC0304:_served++|}; }
        class Derived : Base { public void Again() => {|CONC0304:_served++|}; }

        static class Startup
        {
            public static void Configure(IServiceCollection services)
            {
                services.AddSingleton<ICounter, Counter>();
                services.AddSingleton<Cache>();
                services.AddSingleton(typeof(Gauge));
                services.AddSingleton(typeof(IRepository<>), typeof(Repository<>));
                services.AddSingleton<Clock>(sp => new Clock(1));
                services.TryAddSingleton<Meter>();
                services.AddSingleton(typeof(Tally), sp => { return new Tally(); });
                services.AddSingleton(new Board());
                services.AddKeyedSingleton<Keyed>("key");
                services.AddSingleton<Derived>();
            }
        }
        """, version);

    [Fact]
    public Task Message_names_the_field_the_class_and_the_registration() => new Verify.Test
    {
        TestState =
        {
            Sources =
            {
                ("/src/Counter.cs", """
                class Counter
                {
                    private int _hits;
                    public void Hit() => {|#0:_hits++|};
                }
                """),
                ("/src/Program.cs", """
                using Microsoft.Extensions.DependencyInjection;
                var services = new ServiceCollection();
                {|#1:services.AddSingleton<Counter>()|};
                services.AddSingleton<Counter>();
                """),
            },
            OutputKind = OutputKind.ConsoleApplication,
            ExpectedDiagnostics =
            {
                Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("_hits", "Counter", "Program.cs"),
            },
        },
    }.RunAsync();

    [Fact]
    public Task Partial_classes_registered_in_another_file_are_reported() => new Verify.Test
    {
        TestState =
        {
            Sources =
            {
                """
                partial class Stats
                {
                    private int _a;
                    public void A() => {|CONC0304:_a++|};
                }
                """,
                """
                partial class Stats
                {
                    public void B() => {|CONC0304:_a += 2|};
                }
                """,
                """
                using Microsoft.Extensions.DependencyInjection;
                static class Registration
                {
                    public static IServiceCollection AddStats(this IServiceCollection services) => services.AddSingleton<Stats>();
                }
                """,
            },
        },
    }.RunAsync();

    // ---- Negatives -------------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Transient_scoped_unregistered_and_protected_updates_are_not_reported(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Threading;
        using Microsoft.Extensions.DependencyInjection;

        class PerRequest { private int _n; public void Hit() => _n++; }
        class PerScope { private int _n; public void Hit() => _n++; }
        class Unregistered { private int _n; public void Hit() => _n++; }
        interface IForwarded { void Hit(); }
        class Forwarded : IForwarded { private int _n; public void Hit() => _n++; }

        class Safe
        {
            private readonly object _gate = new object();
            private readonly SemaphoreSlim _semaphore = new SemaphoreSlim(1);
            private int _n;
            private int _m = 1;
            private static int s_instances;
            private int Total { get; set; }

            public Safe() { _n++; _m += 2; s_instances++; }

            public void Hit(Safe other, int[] values)
            {
                Interlocked.Increment(ref _n);
                Monitor.Enter(_gate);
                try { _m++; } finally { Monitor.Exit(_gate); }
                _semaphore.Wait();
                try { _m--; } finally { _semaphore.Release(); }
                var local = 0;
                local++;
                other._n++;
                var copy = new Safe();
                copy._m += 1;
                Total++;
                _n = 5;
                _m = values.Length + 1;
                foreach (var v in values) { local += v; }
            }
        }

        class Holder
        {
            public int Count;
            public static int Shared;
        }

        class UsesHolder
        {
            private readonly Holder _holder = new Holder();
            public void Hit() { _holder.Count++; Holder.Shared++; }
        }

        static class Startup
        {
            public static void Configure(IServiceCollection services)
            {
                services.AddTransient<PerRequest>();
                services.AddScoped<PerScope>();
                services.AddTransient<Forwarded>();
                services.AddSingleton<IForwarded>(sp => sp.GetRequiredService<Forwarded>());
                services.AddSingleton<Safe>();
                services.AddSingleton<UsesHolder>();
                services.AddSingleton(typeof(Holder), new Lazy<Holder>());
            }
        }
        """, version);

    [Fact]
    public Task Updates_reported_by_CONC0301_or_CONC0303_are_left_to_them() => Verify.VerifyAnalyzerAsync("""
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;

        class Stats
        {
            private readonly object _gate = new object();
            private int _locked;
            private int _parallel;

            public int Locked { get { lock (_gate) { return _locked; } } }

            public void Record(int[] items)
            {
                _locked++;
                Parallel.For(0, items.Length, i => _parallel++);
            }
        }

        static class Startup
        {
            public static void Configure(IServiceCollection services) => services.AddSingleton<Stats>();
        }
        """);

    [Fact]
    public Task Without_dependency_injection_nothing_is_reported() => new Verify.Test
    {
        TestCode = """
            class Counter { private int _n; public void Hit() => _n++; }
            """,
        ReferenceAssemblies = Microsoft.CodeAnalysis.Testing.ReferenceAssemblies.Net.Net80,
    }.RunAsync();

    [Fact]
    public Task Generated_code_is_not_reported() => new Verify.Test
    {
        TestState =
        {
            Sources =
            {
                ("/0/Generated.g.cs", """
                // <auto-generated/>
                class Counter { private int _n; public void Hit() => _n++; }
                """),
                """
                using Microsoft.Extensions.DependencyInjection;
                static class Startup { public static void Configure(IServiceCollection services) => services.AddSingleton<Counter>(); }
                """,
            },
        },
    }.RunAsync();
}
