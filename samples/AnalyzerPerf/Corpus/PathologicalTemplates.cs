using System.Text;

namespace AnalyzerPerf.Corpus;

/// <summary>
/// Shapes that make a careless analysis blow up: one 20,000-line file, a 3,000-line async method, lambdas nested 30 deep
/// (async ones inside Task.Run, with a shared counter at the bottom), and call chains 200 deep, sync under a controller
/// action (followed by the request-handler rule) and async.
/// </summary>
internal static class PathologicalTemplates
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;

        """;

    public static SourceFile HugeFile(int lines)
    {
        var text = new StringBuilder(Usings).Append("namespace Corpus.Pathological;\n\npublic sealed class Huge\n{\n    private readonly object _gate = new();\n    private int _total;\n");
        var method = 0;
        var written = SourceFile.CountLines(text.ToString());
        while (written < lines)
        {
            var chunk = $$"""

                    public async Task<int> Method{{method}}Async(IReadOnlyList<int> items, CancellationToken cancellationToken)
                    {
                        var sum = 0;
                        for (var i = 0; i < items.Count; i++)
                        {
                            if (items[i] % {{method % 7 + 2}} == 0)
                            {
                                sum += items[i];
                            }
                            else
                            {
                                sum -= items[i] / 2;
                            }
                        }

                        foreach (var item in items.Where(x => x > {{method}}).Take(10))
                        {
                            await Task.Yield();
                            lock (_gate)
                            {
                                _total += item;
                            }
                        }

                        var local = Helper(sum);
                        return local + await Task.FromResult(sum).ConfigureAwait(false);

                        static int Helper(int value) => value switch { < 0 => -value, 0 => 1, _ => value * 2 };
                    }

                """;
            text.Append(chunk);
            written += SourceFile.CountLines(chunk);
            method++;
        }

        return new("Pathological/Huge.cs", text.Append("}\n").ToString());
    }

    public static SourceFile LongMethod(int lines)
    {
        var text = new StringBuilder(Usings).Append("namespace Corpus.Pathological;\n\npublic sealed class LongMethod\n{\n    public async Task<long> RunAsync(Func<int, Task<int>> fetch, CancellationToken cancellationToken)\n    {\n        long total = 0;\n        var pending = new List<Task<int>>();\n");
        var step = 0;
        var written = SourceFile.CountLines(text.ToString());
        while (written < lines)
        {
            var chunk = (step % 5) switch
            {
                0 => $"        var v{step} = await fetch({step}).ConfigureAwait(false);\n        total += v{step};\n",
                1 => $"        pending.Add(fetch({step}));\n        if (total > {step}) {{ total -= {step}; }}\n",
                2 => $"        for (var i{step} = 0; i{step} < 3; i{step}++) {{ total += i{step} * {step}; }}\n",
                3 => $"        var t{step} = fetch({step});\n        await Task.WhenAll(pending).ConfigureAwait(false);\n        total += t{step}.IsCompleted ? t{step}.Result : 0;\n",
                _ => $"        cancellationToken.ThrowIfCancellationRequested();\n        total ^= {step};\n",
            };
            text.Append(chunk);
            written += SourceFile.CountLines(chunk);
            step++;
        }

        return new("Pathological/LongMethod.cs", text.Append("        return total;\n    }\n}\n").ToString());
    }

    public static SourceFile NestedLambdas(int depth)
    {
        // Each level goes through Go, which has one delegate parameter: with Task.Run's overloads at every level the
        // compiler itself would bind the lambdas exponentially often, and that would measure the compiler, not us.
        var text = new StringBuilder(Usings).Append("namespace Corpus.Pathological;\n\npublic sealed class NestedLambdas\n{\n    private int _count;\n\n    private static Task Go(Func<Task> body) => Task.Run(body);\n\n    public Task RunAsync() =>\n");
        for (var level = 0; level < depth; level++)
        {
            text.Append(' ', 8 + level * 4).Append("Go(async () =>\n").Append(' ', 8 + level * 4).Append("{\n");
            text.Append(' ', 12 + level * 4).Append($"var local{level} = {level};\n");
            text.Append(' ', 12 + level * 4).Append($"_count += local{level};\n");
            text.Append(' ', 12 + level * 4).Append("await ");
        }

        text.Append("Task.Run(() => _count++);\n");
        for (var level = depth - 1; level >= 0; level--)
        {
            text.Append(' ', 8 + level * 4).Append("});\n");
        }

        return new("Pathological/NestedLambdas.cs", text.Append("}\n").ToString());
    }

    public static SourceFile DeepChains(int depth)
    {
        var text = new StringBuilder(Usings).Append("namespace Corpus.Pathological;\n\n[ApiController]\n[Route(\"api/deep\")]\npublic sealed class DeepController : ControllerBase\n{\n");
        text.Append("    [HttpGet(\"sync\")]\n    public IActionResult Sync() => Content(Chain.Sync0(\"seed\"));\n\n");
        text.Append("    [HttpGet(\"async\")]\n    public async Task<IActionResult> Async() => Content(await Chain.Async0(\"seed\"));\n}\n\npublic static class Chain\n{\n");
        for (var level = 0; level < depth; level++)
        {
            var last = level == depth - 1;
            text.Append(last
                ? $"    public static string Sync{level}(string path) => File.ReadAllText(path);\n"
                : $"    public static string Sync{level}(string path) => Sync{level + 1}(path + \"/{level}\");\n");
            text.Append(last
                ? $"    public static async Task<string> Async{level}(string path) => await File.ReadAllTextAsync(path);\n"
                : $"    public static async Task<string> Async{level}(string path) => await Async{level + 1}(path + \"/{level}\") + Sync{level}(path);\n");
        }

        return new("Pathological/DeepChains.cs", text.Append("}\n").ToString());
    }
}
