using System.Threading.Tasks;
using ConcurrencyAnalyzers.CodeFixes.SharedState;
using Microsoft.CodeAnalysis.Testing;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    ConcurrencyAnalyzers.SharedState.CONC0302SharedCollectionChangeAnalyzer,
    ConcurrencyAnalyzers.CodeFixes.SharedState.CONC0302SharedCollectionChangeCodeFix>;

namespace ConcurrencyAnalyzers.Tests.SharedState;

public class CONC0302SharedCollectionChangeFixTests
{
    [Fact]
    public Task The_lock_holds_the_change_or_the_whole_check_then_act() => Verify.VerifyCodeFixAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        class Catalog
        {
            private readonly Dictionary<string, int> _prices = new Dictionary<string, int>();

            void M(string[] names)
            {
                var found = new List<string>();
                Parallel.ForEach(names, name =>
                {
                    {|CONC0302:found.Add(name)|};
                    if (!_prices.ContainsKey(name))
                    {
                        {|CONC0302:_prices.Add(name, name.Length)|};
                    }
                });
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        class Catalog
        {
            private readonly Dictionary<string, int> _prices = new Dictionary<string, int>();
            private readonly object _gate = new object();

            void M(string[] names)
            {
                var found = new List<string>();
                Parallel.ForEach(names, name =>
                {
                    lock (_gate)
                    {
                        found.Add(name);
                    }
                    lock (_gate)
                    {
                        if (!_prices.ContainsKey(name))
                        {
                            _prices.Add(name, name.Length);
                        }
                    }
                });
            }
        }
        """);

    [Fact]
    public Task A_private_dictionary_field_becomes_a_ConcurrentDictionary() => new Verify.Test
    {
        TestCode = """
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            class Catalog
            {
                private readonly Dictionary<string, int> _prices = new Dictionary<string, int>();
                private static Dictionary<int, string> s_names = new();

                public int Count => _prices.Count;

                void M(string[] names)
                {
                    Parallel.ForEach(names, name =>
                    {
                        if (!_prices.ContainsKey(name))
                        {
                            {|CONC0302:_prices.Add(name, name.Length)|};
                        }

                        if (!s_names.ContainsKey(name.Length)) {|CONC0302:s_names[name.Length] = Describe(name)|};
                    });
                    var total = _prices.Values.Sum() + _prices.Where(p => p.Value > 1).Count();
                    _prices.TryGetValue("a", out var a);
                    foreach (var pair in s_names) { }
                }

                static string Describe(string name) => name.ToUpperInvariant();
            }
            """,
        FixedCode = """
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            class Catalog
            {
                private readonly ConcurrentDictionary<string, int> _prices = new ConcurrentDictionary<string, int>();
                private static ConcurrentDictionary<int, string> s_names = new();

                public int Count => _prices.Count;

                void M(string[] names)
                {
                    Parallel.ForEach(names, name =>
                    {
                        _prices.TryAdd(name, name.Length);

                        s_names.GetOrAdd(name.Length, _ => Describe(name));
                    });
                    var total = _prices.Values.Sum() + _prices.Where(p => p.Value > 1).Count();
                    _prices.TryGetValue("a", out var a);
                    foreach (var pair in s_names) { }
                }

                static string Describe(string name) => name.ToUpperInvariant();
            }
            """,
        CodeActionEquivalenceKey = CONC0302SharedCollectionChangeCodeFix.ConcurrentDictionaryKey,
    }.RunAsync();

    [Fact]
    public Task No_ConcurrentDictionary_where_the_value_cannot_move_into_the_factory_lambda()
    {
        var source = """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            class Cache
            {
                private readonly Dictionary<string, int> _sizes = new Dictionary<string, int>();
                private readonly Dictionary<string, int> _parsed = new Dictionary<string, int>();

                Task FillAsync(string[] names) => Parallel.ForEachAsync(names, async (name, token) =>
                {
                    if (!_sizes.ContainsKey(name)) {|CONC0302:_sizes[name] = await Task.FromResult(name.Length)|};
                    if (!_parsed.ContainsKey(name)) {|CONC0302:_parsed.Add(name, int.TryParse(name, out var n) ? n : 0)|};
                });
            }
            """;
        return new Verify.Test
        {
            TestCode = source,
            FixedCode = source,
            CodeActionEquivalenceKey = CONC0302SharedCollectionChangeCodeFix.ConcurrentDictionaryKey,
        }.RunAsync();
    }

    [Fact]
    public Task No_ConcurrentDictionary_where_a_use_needs_the_Dictionary_type()
    {
        var source = """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            class Catalog
            {
                private readonly Dictionary<string, int> _passed = new Dictionary<string, int>();
                private readonly Dictionary<string, int> _removed = new Dictionary<string, int>();
                private readonly Dictionary<string, int> _comparer = new Dictionary<string, int>(System.StringComparer.Ordinal);
                public readonly Dictionary<string, int> Visible = new Dictionary<string, int>();
                private readonly List<string> _list = new List<string>();

                void M(string[] names)
                {
                    Parallel.ForEach(names, name =>
                    {
                        if (!_passed.ContainsKey(name)) {|CONC0302:_passed.Add(name, 1)|};
                        if (!_removed.ContainsKey(name)) {|CONC0302:_removed.Add(name, 1)|};
                        if (!_comparer.ContainsKey(name)) {|CONC0302:_comparer.Add(name, 1)|};
                        if (!Visible.ContainsKey(name)) {|CONC0302:Visible.Add(name, 1)|};
                        if (!_list.Contains(name)) {|CONC0302:_list.Add(name)|};
                        if (!_passed.ContainsKey(name)) {|CONC0302:_passed.Add(name, 1)|}; else { }
                    });
                    Use(_passed);
                    _removed.Remove("x");
                }

                static void Use(Dictionary<string, int> d) { }
            }
            """;
        return new Verify.Test
        {
            TestCode = source,
            FixedCode = source,
            CodeActionEquivalenceKey = CONC0302SharedCollectionChangeCodeFix.ConcurrentDictionaryKey,
        }.RunAsync();
    }

    [Fact]
    public Task Fix_all_in_project_locks_every_change() => new Verify.Test
    {
        TestState =
        {
            Sources =
            {
                """
                using System.Collections.Generic;
                using System.Threading.Tasks;
                class A
                {
                    private readonly List<int> _l = new();

                    void M(int[] d) => Parallel.ForEach(d, x => {|CONC0302:_l.Add(x)|});
                }
                """,
                """
                using System.Collections.Generic;
                using System.Threading.Tasks;
                class B
                {
                    static void M(int[] d) => Parallel.ForEach(d, x => {|CONC0302:s.Add(x)|});

                    static HashSet<int> s = new();
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
                using System.Threading.Tasks;
                class A
                {
                    private readonly List<int> _l = new();
                    private readonly object _gate = new object();

                    void M(int[] d) => Parallel.ForEach(d, x =>
                    {
                        lock (_gate)
                        {
                            _l.Add(x);
                        }
                    });
                }
                """,
                """
                using System.Collections.Generic;
                using System.Threading.Tasks;
                class B
                {
                    static void M(int[] d) => Parallel.ForEach(d, x =>
                    {
                        lock (s_gate)
                        {
                            s.Add(x);
                        }
                    });

                    static HashSet<int> s = new();

                    private static readonly object s_gate = new object();
                }
                """,
            },
        },
        CodeFixTestBehaviors = CodeFixTestBehaviors.SkipFixAllInDocumentCheck,
    }.RunAsync();
}
