namespace ConcurrencyAnalyzers.Tests.EndToEnd;

/// <summary>The consumer code of the end-to-end tests: one spot per rule, and what dotnet format makes of it.</summary>
internal static class ScratchSources
{
    public const string Before = """
        using System;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;

        namespace Scratch;

        public static class Program
        {
            public static async Task Main()
            {
                var path = Path.GetTempFileName();
                await File.WriteAllTextAsync(path, "hello");
                Console.WriteLine(await ReportAsync(path, CancellationToken.None));
            }

            public static async Task<int> ReportAsync(string path, CancellationToken cancellationToken)
            {
                var text = File.ReadAllText(path);
                Thread.Sleep(10);
                var length = CountAsync(text).Result;
                return length;
            }

            public static void MapEndpoints(WebApplication app)
            {
                app.MapGet("/count/{text}", (string text) => CountAsync(text).Result);
            }

            private static async Task<int> CountAsync(string text)
            {
                await Task.Yield();
                return text.Length;
            }
        }

        """;

    public const string After = """
        using System;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;

        namespace Scratch;

        public static class Program
        {
            public static async Task Main()
            {
                var path = Path.GetTempFileName();
                await File.WriteAllTextAsync(path, "hello");
                Console.WriteLine(await ReportAsync(path, CancellationToken.None));
            }

            public static async Task<int> ReportAsync(string path, CancellationToken cancellationToken)
            {
                var text = await File.ReadAllTextAsync(path, cancellationToken);
                await Task.Delay(10, cancellationToken);
                var length = await CountAsync(text);
                return length;
            }

            public static void MapEndpoints(WebApplication app)
            {
                app.MapGet("/count/{text}", async (string text) => await CountAsync(text));
            }

            private static async Task<int> CountAsync(string text)
            {
                await Task.Yield();
                return text.Length;
            }
        }

        """;
}
