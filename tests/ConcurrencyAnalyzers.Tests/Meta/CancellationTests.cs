using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ConcurrencyAnalyzers.Core;
using ConcurrencyAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ConcurrencyAnalyzers.Tests.Meta;

/// <summary>
/// The walks that can be long (a function body of thousands of lines, helpers followed through the call graph, the
/// cost model's loop nests) stop when the analysis is cancelled: given a cancelled token, each throws at once instead
/// of finishing its walk.
/// </summary>
public class CancellationTests
{
    private const string Source = """
        using System.IO;
        using System.Threading.Tasks;

        public static class Work
        {
            public static async Task<int> RunAsync(Task<int> pending)
            {
                await Task.Yield();
                var total = 0;
                for (var i = 0; i < 1_000_000; i++)
                {
                    total += i % 7;
                }

                return total + pending.Result + Helper("a").Length;
            }

            public static string Helper(string path) => File.ReadAllText(path);
        }
        """;

    private static readonly CancellationToken Cancelled = new(canceled: true);

    [Fact]
    public async Task The_function_walker_stops()
    {
        var (_, body, _) = await BodyAsync();
        Assert.Throws<OperationCanceledException>(() => FunctionWalker.ForEachOwnOperation(body, Cancelled, _ => true));
        Assert.True(FunctionWalker.ForEachOwnOperation(body, CancellationToken.None, _ => true));
    }

    [Fact]
    public async Task The_completed_task_evidence_walk_stops()
    {
        var (compilation, body, _) = await BodyAsync();
        var types = WellKnownTypes.Get(compilation);
        Assert.Throws<OperationCanceledException>(() => new CompletedTaskProof.Cache(Cancelled).For(body, types));
        Assert.NotNull(new CompletedTaskProof.Cache(CancellationToken.None).For(body, types));
    }

    [Fact]
    public async Task The_helper_search_stops()
    {
        var (compilation, _, method) = await BodyAsync();
        var helper = method.ContainingType.GetMembers("Helper").OfType<IMethodSymbol>().Single();
        var options = new AnalyzerOptions([]);
        Assert.Throws<OperationCanceledException>(() => BlockingSummaries.Get(compilation).BlockingCallOf(helper, options, Cancelled));
        Assert.NotNull(BlockingSummaries.Get(compilation).BlockingCallOf(helper, options, CancellationToken.None));
    }

    [Fact]
    public async Task The_cost_model_stops()
    {
        var (compilation, body, _) = await BodyAsync();
        var types = WellKnownTypes.Get(compilation);
        var loop = body.Descendants().OfType<ILoopOperation>().Single();
        Assert.Throws<OperationCanceledException>(() => CostModel.Estimate(loop, types, Cancelled));
        Assert.True(CostModel.Estimate(loop, types, CancellationToken.None).Operations >= 1_000_000);
    }

    private static async Task<(Compilation Compilation, IOperation Body, IMethodSymbol Method)> BodyAsync()
    {
        var compilation = AnalyzerRunner.Compile(Source, await AnalyzerRunner.ReferencesAsync());
        var tree = compilation.SyntaxTrees.Single();
        var model = compilation.GetSemanticModel(tree);
        var declaration = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().First();
        var body = model.GetOperation(declaration) ?? throw new InvalidOperationException("no operation for RunAsync");
        return (compilation, body, (IMethodSymbol)model.GetDeclaredSymbol(declaration)!);
    }
}
