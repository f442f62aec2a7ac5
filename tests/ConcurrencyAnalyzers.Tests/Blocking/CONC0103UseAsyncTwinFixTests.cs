using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    ConcurrencyAnalyzers.Blocking.CONC0103UseAsyncTwinAnalyzer,
    ConcurrencyAnalyzers.CodeFixes.Blocking.CONC0103UseAsyncTwinCodeFix>;

namespace ConcurrencyAnalyzers.Tests.Blocking;

public class CONC0103UseAsyncTwinFixTests
{
    [Fact]
    public Task Static_call_awaits_the_twin_and_forwards_the_token() => Verify.VerifyCodeFixAsync("""
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;
        class C
        {
            async Task<int> M(string path, CancellationToken cancellationToken)
            {
                var text = File.{|CONC0103:ReadAllText(path)|};
                return text.Length;
            }
        }
        """, """
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;
        class C
        {
            async Task<int> M(string path, CancellationToken cancellationToken)
            {
                var text = await File.ReadAllTextAsync(path, cancellationToken);
                return text.Length;
            }
        }
        """);

    [Fact]
    public Task Plain_overload_is_used_when_no_token_is_in_scope() => Verify.VerifyCodeFixAsync("""
        using System.IO;
        using System.Threading.Tasks;
        class C
        {
            async Task<int> M(StreamReader reader)
            {
                await Task.Yield();
                return reader.{|CONC0103:ReadToEnd()|}.Length;
            }
        }
        """, """
        using System.IO;
        using System.Threading.Tasks;
        class C
        {
            async Task<int> M(StreamReader reader)
            {
                await Task.Yield();
                return (await reader.ReadToEndAsync()).Length;
            }
        }
        """);

    [Fact]
    public Task Token_is_named_when_optional_arguments_were_omitted() => Verify.VerifyCodeFixAsync("""
        using System.Threading;
        using System.Threading.Tasks;
        class Client
        {
            public string Get(string url, int retries = 3) => url;
            public Task<string> GetAsync(string url, int retries = 3, CancellationToken cancellationToken = default) => Task.FromResult(url);
        }
        class C
        {
            async Task<string> M(Client client, CancellationToken ct)
            {
                return client.{|CONC0103:Get("/orders")|};
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;
        class Client
        {
            public string Get(string url, int retries = 3) => url;
            public Task<string> GetAsync(string url, int retries = 3, CancellationToken cancellationToken = default) => Task.FromResult(url);
        }
        class C
        {
            async Task<string> M(Client client, CancellationToken ct)
            {
                return await client.GetAsync("/orders", cancellationToken: ct);
            }
        }
        """);

    [Fact]
    public Task Required_token_without_one_in_scope_gets_CancellationToken_None() => Verify.VerifyCodeFixAsync("""
        using System.Threading;
        using System.Threading.Tasks;
        class Store
        {
            public void Flush() { }
            public Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        }
        class C
        {
            async Task M(Store store)
            {
                store.{|CONC0103:Flush()|};
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;
        class Store
        {
            public void Flush() { }
            public Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        }
        class C
        {
            async Task M(Store store)
            {
                await store.FlushAsync(CancellationToken.None);
            }
        }
        """);

    [Fact]
    public Task Request_aborted_token_is_forwarded_in_handlers() => Verify.VerifyCodeFixAsync("""
        using System.IO;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Http;
        class Middleware
        {
            public async Task InvokeAsync(HttpContext context, string path)
            {
                var text = File.{|CONC0103:ReadAllText(path)|};
                await context.Response.WriteAsync(text);
            }
        }
        """, """
        using System.IO;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Http;
        class Middleware
        {
            public async Task InvokeAsync(HttpContext context, string path)
            {
                var text = await File.ReadAllTextAsync(path, context.RequestAborted);
                await context.Response.WriteAsync(text);
            }
        }
        """);

    [Fact]
    public Task Extension_twin_and_generic_calls_are_renamed_in_place() => Verify.VerifyCodeFixAsync("""
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
            async Task<int> M(IQueryable<int> query)
            {
                await Task.CompletedTask.ConfigureAwait(false);
                return query.{|CONC0103:ToList<int>()|}.Count;
            }
        }
        """, """
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
            async Task<int> M(IQueryable<int> query)
            {
                await Task.CompletedTask.ConfigureAwait(false);
                return (await query.ToListAsync<int>().ConfigureAwait(false)).Count;
            }
        }
        """);

    [Fact]
    public Task Generic_call_keeps_its_type_arguments() => Verify.VerifyCodeFixAsync("""
        using System.IO;
        using System.Text.Json;
        using System.Threading;
        using System.Threading.Tasks;
        class Settings { }
        class C
        {
            async Task<Settings?> M(Stream stream, CancellationToken cancellationToken)
            {
                return JsonSerializer.{|CONC0103:Deserialize<Settings>(stream)|};
            }
        }
        """, """
        using System.IO;
        using System.Text.Json;
        using System.Threading;
        using System.Threading.Tasks;
        class Settings { }
        class C
        {
            async Task<Settings?> M(Stream stream, CancellationToken cancellationToken)
            {
                return await JsonSerializer.DeserializeAsync<Settings>(stream, cancellationToken: cancellationToken);
            }
        }
        """);

    [Fact]
    public Task Array_passed_as_span_moves_to_the_memory_overload() => Verify.VerifyCodeFixAsync("""
        using System.IO;
        using System.Threading.Tasks;
        class C
        {
            async Task<int> M(Stream stream, byte[] buffer)
            {
                await Task.Yield();
                return stream.{|CONC0103:Read(buffer)|};
            }
        }
        """, """
        using System.IO;
        using System.Threading.Tasks;
        class C
        {
            async Task<int> M(Stream stream, byte[] buffer)
            {
                await Task.Yield();
                return await stream.ReadAsync(buffer);
            }
        }
        """);

    [Fact]
    public Task No_fix_for_a_span_argument_that_cannot_become_memory()
    {
        var source = """
            using System;
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Stream stream, byte[] buffer)
                {
                    await Task.Yield();
                    return stream.{|CONC0103:Read(new Span<byte>(buffer, 0, 4))|};
                }
            }
            """;
        return Verify.VerifyCodeFixAsync(source, source);
    }

    [Fact]
    public Task No_fix_in_a_lock_or_on_a_conditional_access()
    {
        var source = """
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                private readonly object _gate = new object();
                async Task M(string p, StreamReader? reader)
                {
                    await Task.Yield();
                    lock (_gate) { File.{|CONC0103:ReadAllText(p)|}; }
                    var text = reader?.{|CONC0103:ReadToEnd()|};
                }
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
                "using System.IO; using System.Threading.Tasks; class A { async Task M(string p) { File.{|CONC0103:WriteAllText(p, File.{|CONC0103:ReadAllText(p)|})|}; } }",
                "using System.IO; using System.Threading; using System.Threading.Tasks; class B { async Task M(Stream s, CancellationToken ct) { s.{|CONC0103:Flush()|}; } }",
            },
        },
        FixedState =
        {
            Sources =
            {
                "using System.IO; using System.Threading.Tasks; class A { async Task M(string p) { await File.WriteAllTextAsync(p, await File.ReadAllTextAsync(p)); } }",
                "using System.IO; using System.Threading; using System.Threading.Tasks; class B { async Task M(Stream s, CancellationToken ct) { await s.FlushAsync(ct); } }",
            },
        },
        CodeFixTestBehaviors = CodeFixTestBehaviors.None,
    }.RunAsync();
}
