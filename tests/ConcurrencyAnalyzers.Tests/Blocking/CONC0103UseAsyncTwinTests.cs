using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    ConcurrencyAnalyzers.Blocking.CONC0103UseAsyncTwinAnalyzer,
    ConcurrencyAnalyzers.CodeFixes.Blocking.CONC0103UseAsyncTwinCodeFix>;

namespace ConcurrencyAnalyzers.Tests.Blocking;

public class CONC0103UseAsyncTwinTests
{
    public static IEnumerable<object[]> LanguageVersions => Verify.LanguageVersions;

    // ---- Positives -------------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Framework_members_with_async_twins_are_reported(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System.Diagnostics;
        using System.IO;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        class C
        {
            async Task M(string path, Stream stream, StreamReader reader, TextWriter writer, SemaphoreSlim gate,
                HttpClient client, HttpRequestMessage request, Process process, byte[] buffer)
            {
                var text = File.{|CONC0103:ReadAllText(path)|};
                File.{|CONC0103:WriteAllText(path, text)|};
                var read = stream.{|CONC0103:Read(buffer, 0, buffer.Length)|};
                stream.{|CONC0103:Flush()|};
                var all = reader.{|CONC0103:ReadToEnd()|};
                writer.{|CONC0103:WriteLine(all)|};
                gate.{|CONC0103:Wait()|};
                using var response = client.{|CONC0103:Send(request)|};
                process.{|CONC0103:WaitForExit()|};
                await Task.Yield();
            }
        }
        """, version);

    [Fact]
    public Task Message_names_the_call_and_its_twin() => Verify.VerifyAnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;
        class C { async Task<string> M(string p) { await Task.Yield(); return File.{|#0:ReadAllText(p)|}; } }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("File.ReadAllText", "File.ReadAllTextAsync"));

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Own_types_and_derived_receivers_are_found_semantically(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;
        class Repository
        {
            public Order Load(int id) => new Order();
            public Task<Order> LoadAsync(int id, CancellationToken cancellationToken = default) => Task.FromResult(new Order());
        }
        class Order { }
        class Base { public void Save() { } }
        class Derived : Base { public Task SaveAsync() => Task.CompletedTask; }
        class C
        {
            async Task M(Repository repository, Derived derived)
            {
                var order = repository.{|CONC0103:Load(42)|};
                derived.{|CONC0103:Save()|};
                await Task.Yield();
            }
        }
        """, version);

    [Fact]
    public Task Extension_twin_on_the_receiver_is_found() => Verify.VerifyAnalyzerAsync("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        static class QueryableAsync
        {
            public static Task<List<T>> ToListAsync<T>(this IQueryable<T> source, CancellationToken cancellationToken = default) => Task.FromResult(source.ToList());
        }
        class C
        {
            async Task<int> M(IQueryable<int> query, IEnumerable<int> sequence)
            {
                await Task.Yield();
                var fromDatabase = query.{|CONC0103:ToList()|};
                var inMemory = sequence.ToList();
                return fromDatabase.Count + inMemory.Count;
            }
        }
        """);

    [Fact]
    public Task Extension_twins_are_found_only_where_their_namespace_is_visible()
    {
        // Imported in a namespace block, by a global using in another file, by using static, through a containing
        // namespace; the last class imports nothing and sees no twin.
        var test = new Verify.Test
        {
            TestState =
            {
                Sources =
                {
                    """
                    global using Data.Global;
                    namespace Data.Blocks { public static class BlockExtensions { public static System.Threading.Tasks.Task SaveAsync(this Data.Store store) => System.Threading.Tasks.Task.CompletedTask; } }
                    namespace Data.Global { public static class GlobalExtensions { public static System.Threading.Tasks.Task LoadAsync(this Data.Store store) => System.Threading.Tasks.Task.CompletedTask; } }
                    namespace Data.Statics { public static class StaticExtensions { public static System.Threading.Tasks.Task FlushAsync(this Data.Store store) => System.Threading.Tasks.Task.CompletedTask; } }
                    namespace Data
                    {
                        public static class OuterExtensions { public static System.Threading.Tasks.Task SyncAsync(this Store store) => System.Threading.Tasks.Task.CompletedTask; }
                        public class Store { public void Save() { } public void Load() { } public void Flush() { } public void Sync() { } }
                    }
                    """,
                    """
                    using System.Threading.Tasks;
                    using static Data.Statics.StaticExtensions;
                    namespace Data.Access
                    {
                        using Data.Blocks;
                        class C
                        {
                            async Task M(Store store)
                            {
                                await Task.Yield();
                                store.{|CONC0103:Save()|};
                                store.{|CONC0103:Load()|};
                                store.{|CONC0103:Flush()|};
                                store.{|CONC0103:Sync()|};
                            }
                        }
                    }
                    namespace Elsewhere
                    {
                        class D
                        {
                            async Task M(Data.Store store)
                            {
                                await Task.Yield();
                                store.Save();
                                store.{|CONC0103:Load()|};
                                store.{|CONC0103:Flush()|};
                                store.Sync();
                            }
                        }
                    }
                    """,
                },
            },
        };
        return test.RunAsync();
    }

    [Fact]
    public Task Extension_twins_are_shared_by_scopes_with_the_same_usings_but_a_private_one_only_inside_its_class() => Verify.VerifyAnalyzerAsync("""
        using System.Threading.Tasks;
        using Data;
        namespace Data
        {
            public class Store { public void Save() { } public void Load() { } }
            public static class PublicExtensions { public static Task LoadAsync(this Store store) => Task.CompletedTask; }
            public static class PrivateExtensions
            {
                private static Task SaveAsync(this Store store) => Task.CompletedTask;
                public static async Task Inside(Store store) { await Task.Yield(); store.{|CONC0103:Save()|}; }
            }
            class SameScope { async Task M(Store store) { await Task.Yield(); store.Save(); store.{|CONC0103:Load()|}; } }
        }
        namespace Other
        {
            class OtherScope { async Task M(Store store) { await Task.Yield(); store.Save(); store.{|CONC0103:Load()|}; } }
        }
        """);

    [Fact]
    public Task Generic_calls_pair_with_the_generic_twin() => Verify.VerifyAnalyzerAsync("""
        using System.IO;
        using System.Text.Json;
        using System.Threading.Tasks;
        class Settings { }
        class C
        {
            async Task<Settings?> M(Stream stream)
            {
                await Task.Yield();
                return JsonSerializer.{|CONC0103:Deserialize<Settings>(stream)|};
            }
        }
        """);

    [Fact]
    public Task A_wrapped_stream_inside_a_Stream_override_is_reported() => Verify.VerifyAnalyzerAsync("""
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;
        class Counting : MemoryStream
        {
            private readonly Stream _inner = new BufferedStream(Stream.Null);
            public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                await Task.Yield();
                return _inner.{|CONC0103:Read(buffer, offset, count)|};
            }
        }
        """);

    [Fact]
    public Task Span_overloads_pair_with_memory_twins() => Verify.VerifyAnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;
        class C
        {
            async Task<int> M(Stream stream, byte[] buffer)
            {
                await Task.Yield();
                stream.{|CONC0103:Write(new System.ReadOnlySpan<byte>(buffer))|};
                return stream.{|CONC0103:Read(new System.Span<byte>(buffer))|};
            }
        }
        """);

    [Fact]
    public Task Obsolete_overload_does_not_hide_a_current_one() => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        class Service
        {
            public void Sync() { }
            [Obsolete] public Task SyncAsync() => Task.CompletedTask;
            public Task SyncAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        }
        class C { async Task M(Service s) { await Task.Yield(); s.{|CONC0103:Sync()|}; } }
        """);

    // ---- Negatives -------------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task In_memory_streams_readers_and_writers_are_not_reported(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.IO;
        using System.Threading.Tasks;
        class C
        {
            async Task<string> M(byte[] buffer)
            {
                await Task.Yield();
                var memory = new MemoryStream();
                memory.Write(buffer, 0, buffer.Length);
                var writer = new StreamWriter(memory);
                writer.Write("x");
                writer.Flush();
                using (var other = new StreamWriter(new MemoryStream())) { other.WriteLine("y"); }
                var reader = new StringReader("text");
                Console.WriteLine(reader.ReadToEnd());
                Console.Out.WriteLine("done");
                Console.Error.Flush();
                return new StringWriter().ToString();
            }
        }
        """, version);

    [Fact]
    public Task Twins_that_are_not_real_async_equivalents_are_not_reported() => Verify.VerifyAnalyzerAsync("""
        using System.Data.Common;
        using System.Threading;
        using System.Threading.Tasks;
        namespace Microsoft.EntityFrameworkCore
        {
            public class DbSet<T> { public void Add(T item) { } public ValueTask AddAsync(T item, CancellationToken cancellationToken = default) => default; }
        }
        namespace App
        {
            using Microsoft.EntityFrameworkCore;
            class C
            {
                async Task M(DbSet<string> set, DbDataReader reader, CancellationTokenSource cts, SemaphoreSlim gate)
                {
                    await Task.Yield();
                    set.Add("x");
                    var value = reader.GetFieldValue<int>(0);
                    var isNull = reader.IsDBNull(1);
                    cts.Cancel();
                new Timer(_ => { }).Dispose();
                    if (gate.Wait(0)) { gate.Release(); }
                    if (gate.Wait(System.TimeSpan.Zero)) { gate.Release(); }
                }
            }
        }
        """);

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task The_enclosing_method_and_its_overloads_are_never_suggested(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;
        class Cache
        {
            public string Read() => "";
            public async Task<string> ReadAsync() { await Task.Yield(); return Read(); }
            public async Task<string> ReadAsync(CancellationToken cancellationToken) { await Task.Yield(); return Read(); }
        }
        class Store
        {
            public void Save() { }
            public async Task SaveAsync()
            {
                await Task.Yield();
                System.Func<Task> retry = async () => { await Task.Yield(); Save(); };
                await retry();
            }
        }
        class Wrapped : MemoryStream
        {
            public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                await Task.Yield();
                return Read(buffer, offset, count);
            }
        }
        """, version);

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public Task Sync_code_incompatible_and_obsolete_twins_are_not_reported(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.IO;
        using System.Threading.Tasks;
        class Service
        {
            public void Send(int id) { }
            public Task SendAsync(string id) => Task.CompletedTask;
            public int Count() => 0;
            public Task<long> CountAsync() => Task.FromResult(0L);
            public void Legacy() { }
            [Obsolete] public Task LegacyAsync() => Task.CompletedTask;
            private Task HiddenAsync() => Task.CompletedTask;
        }
        class C
        {
            string Sync(string p) => File.ReadAllText(p);
            async Task M(Service service, string p)
            {
                service.Send(1);
                var n = service.Count();
                service.Legacy();
                var text = await Task.Run(() => File.ReadAllText(p));
                Func<string> later = () => File.ReadAllText(p);
            }
        }
        """, version);

    [Fact]
    public Task Ref_returns_wrappers_that_call_back_and_Xml_readers_are_not_reported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;
        using System.Xml;
        class Slots
        {
            private int _x;
            public ref int Slot() => ref _x;
            public Task<int> SlotAsync() => Task.FromResult(_x);
        }
        class Loader
        {
            public string Load() => "";
            public Task<string> LoadAsync(CancellationToken ct = default) => LoadCoreAsync(ct);
            private async Task<string> LoadCoreAsync(CancellationToken ct) { await Task.Yield(); return Load(); }
        }
        class C
        {
            async Task M(Slots slots, XmlReader reader, XmlWriter writer)
            {
                await Task.Yield();
                slots.Slot() = 5;
                while (reader.Read()) { }
                writer.Flush();
            }
        }
        """);

    [Fact]
    public Task Twins_on_base_interfaces_are_found() => Verify.VerifyAnalyzerAsync("""
        using System.Threading.Tasks;
        interface IStore { Task SaveAsync(); }
        interface IRepository : IStore { void Save(); }
        class C { async Task M(IRepository repository) { await Task.Yield(); repository.{|CONC0103:Save()|}; } }
        """);

    [Fact]
    public Task Generated_code_is_not_reported() => Verify.VerifyAnalyzerAsync("""
        // <auto-generated/>
        using System.IO;
        using System.Threading.Tasks;
        class C { async Task<string> M(string p) { await Task.Yield(); return File.ReadAllText(p); } }
        """);

    // ---- Configuration ---------------------------------------------------------------------------------------

    [Fact]
    public Task Configured_exclusions_silence_types_and_methods() => Verify.VerifyAnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;
        namespace App
        {
            class Repository { public int Load() => 0; public Task<int> LoadAsync() => Task.FromResult(0); public void Save() { } public Task SaveAsync() => Task.CompletedTask; }
            class Audit { public void Write() { } public Task WriteAsync() => Task.CompletedTask; }
            class C
            {
                async Task M(Repository repository, Audit audit, string p)
                {
                    await Task.Yield();
                    repository.Load();
                    repository.{|CONC0103:Save()|};
                    audit.Write();
                    File.ReadAllText(p);
                }
            }
        }
        """, editorConfig: "CONC0103.excluded_symbols = M:App.Repository.Load, T:App.Audit,M:System.IO.File.ReadAllText");

    [Fact]
    public Task Invalid_exclusion_entries_fall_back_to_the_built_in_list() => Verify.VerifyAnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;
        class C
        {
            async Task M(string p, MemoryStream memory)
            {
                await Task.Yield();
                File.{|CONC0103:ReadAllText(p)|};
                memory.Flush();
            }
        }
        """, editorConfig: "CONC0103.excluded_symbols = System.IO.File.ReadAllText, X:, ,,T:");
}
