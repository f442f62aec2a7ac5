using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    ConcurrencyAnalyzers.SharedState.CONC0302SharedCollectionChangeAnalyzer,
    ConcurrencyAnalyzers.CodeFixes.SharedState.CONC0302SharedCollectionChangeCodeFix>;

namespace ConcurrencyAnalyzers.Tests.SharedState;

public class CONC0302SharedCollectionChangeTests
{
    public static IEnumerable<object[]> LanguageVersions => Verify.LanguageVersions;

    // ---- Positives -------------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Changes_and_check_then_act_on_shared_collections_are_reported(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        class Catalog
        {
            private static readonly HashSet<string> s_seen = new HashSet<string>();
            private readonly Dictionary<string, int> _prices = new Dictionary<string, int>();

            void M(string[] names)
            {
                var found = new List<string>();
                var counts = new Dictionary<string, int>();
                Parallel.ForEach(names, name =>
                {
                    {|CONC0302:found.Add(name)|};
                    if (!_prices.ContainsKey(name))
                    {
                        {|CONC0302:_prices.Add(name, name.Length)|};
                    }

                    if (!s_seen.Contains(name)) {|CONC0302:s_seen.Add(name)|};
                    {|CONC0302:counts[name] = 1|};
                    {|CONC0302:counts[name]++|};
                });
                names.AsParallel().ForAll(n => {|CONC0302:found.Remove(n)|});
            }
        }
        """, version);

    [Fact]
    public Task Message_names_the_collection_the_check_and_the_change() => Verify.VerifyAnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        class C
        {
            private readonly Dictionary<string, int> _cache = new();
            void M(string[] keys) => Parallel.ForEach(keys, k =>
            {
                if (!{|#1:_cache.ContainsKey(k)|}) {|#0:_cache[k] = k.Length|};
            });
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithLocation(1)
            .WithArguments("_cache", "Dictionary<string, int>", "the body of Parallel.ForEach", "checked with ContainsKey and then changed with its indexer"));

    [Fact]
    public Task Work_started_repeatedly_and_Parallel_Invoke_actions_that_share_it_are_reported() => Verify.VerifyAnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        class C
        {
            private readonly Queue<int> _work = new Queue<int>();
            void M(int[] items)
            {
                foreach (var item in items)
                {
                    Task.Run(() => {|CONC0302:_work.Enqueue(item)|});
                }

                var log = new List<string>();
                var mine = new List<string>();
                Parallel.Invoke(() => {|CONC0302:log.Add("a")|}, () => {|CONC0302:log.Add("b")|}, () => mine.Add("c"));
            }
        }
        """);

    [Fact]
    public Task Minimal_API_handlers_share_what_they_capture() => Verify.VerifyAnalyzerAsync("""
        using System.Collections.Generic;
        using Microsoft.AspNetCore.Builder;
        static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                var seen = new List<string>();
                app.MapPost("/seen/{name}", (string name) =>
                {
                    {|CONC0302:seen.Add(name)|};
                    var mine = new List<string>();
                    mine.Add(name);
                    return seen.Count;
                });
            }
        }
        """);

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Request_handlers_share_static_collections_and_conventional_middleware_its_own(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;

        public class CacheController : ControllerBase
        {
            private static readonly Dictionary<string, string> s_cache = new Dictionary<string, string>();
            private readonly List<string> _mine = new List<string>();

            public IActionResult Put(string key, string value)
            {
                if (!s_cache.ContainsKey(key))
                {
                    {|CONC0302:s_cache.Add(key, value)|};
                }

                _mine.Add(key);
                var local = new List<string>();
                local.Add(value);
                lock (s_cache) { s_cache[key] = value; }
                return Ok();
            }
        }

        public class PathsMiddleware
        {
            private readonly RequestDelegate _next;
            private readonly HashSet<string> _paths = new HashSet<string>();

            public PathsMiddleware(RequestDelegate next) => _next = next;

            public Task Invoke(HttpContext context)
            {
                {|CONC0302:_paths.Add(context.Request.Path)|};
                return _next(context);
            }
        }

        public class TimerCache
        {
            private readonly Queue<int> _ticks = new Queue<int>();
            public void Start() => new System.Threading.Timer(_ => {|CONC0302:_ticks.Enqueue(1)|}, null, 0, 100);
        }
        """, version);

    // ---- Negatives -------------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Own_collections_locks_concurrent_collections_slots_and_reads_are_not_reported(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        class C
        {
            private readonly object _gate = new object();
            private readonly List<int> _items = new List<int>();
            private readonly ConcurrentDictionary<string, int> _safe = new ConcurrentDictionary<string, int>();

            void M(string[] names, List<int> slots)
            {
                var found = new List<string>();
                Parallel.For(0, names.Length, i =>
                {
                    var mine = new List<string>();
                    mine.Add(names[i]);
                    lock (_gate) { found.Add(names[i]); }
                    _safe.TryAdd(names[i], i);
                    slots[i] = i;
                    var has = found.Contains(names[i]) && _items.Count > 0;
                });
                foreach (var name in names) { found.Add(name); }
                System.Action once = () => found.Clear();
                _ = Task.Run(() => _items.Add(1));
            }
        }
        """, version);

    [Fact]
    public Task Local_functions_method_groups_and_generated_code_are_not_reported() => Verify.VerifyAnalyzerAsync("""
        // <auto-generated/>
        using System.Collections.Generic;
        using System.Threading.Tasks;
        class C
        {
            void M(int[] data)
            {
                var all = new List<int>();
                Parallel.ForEach(data, x => all.Add(x));
            }
        }
        """);

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Top_level_statements_partial_classes_and_generics_are_analyzed(LanguageVersion version) => new Verify.Test
    {
        LanguageVersion = version,
        TestState = { OutputKind = OutputKind.ConsoleApplication },
        TestCode = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        var all = new List<int>();
        Parallel.For(0, 10, i => {|CONC0302:all.Add(i)|});
        Parallel.For(0, 10, i => { void Local() => all.Add(i); Local(); });

        partial class Bag<T>
        {
            private readonly List<T> _items = new();
        }

        partial class Bag<T>
        {
            public void AddAll(T[] items) => Parallel.ForEach(items, item => {|CONC0302:_items.Add(item)|});
        }
        """,
    }.RunAsync();
}
