using System;
using System.Text;

namespace AnalyzerPerf.Corpus;

/// <summary>
/// The files of one generated module: a domain model and store, a service with an async call chain, an MVC controller,
/// minimal-API endpoints, a hosted service, a middleware, analytics with loops of every shape and parallel loops, and an
/// auto-generated serializer. The random source picks the variations (sizes of switches and chains, which rare mistakes
/// appear), so modules differ the way real code does while every file still compiles.
/// </summary>
internal static class ModuleTemplates
{
    private const string Usings = """
        using System;
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.IO;
        using System.Linq;
        using System.Net.Http;
        using System.Text;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Routing;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;
        using Microsoft.Extensions.Logging;

        """;

    public static SourceFile Domain(int m) => new($"Module{m}/Domain{m}.cs", Usings + $$"""
        namespace Corpus.Module{{m}};

        public enum OrderState{{m}} { New, Paid, Packed, Shipped, Delivered, Cancelled, Refunded }

        public sealed record Order{{m}}(int Id, string Customer, decimal Amount, DateTime PlacedAt, OrderState{{m}} State)
        {
            public bool IsOpen => State is OrderState{{m}}.New or OrderState{{m}}.Paid or OrderState{{m}}.Packed;
        }

        public interface IOrderStore{{m}}
        {
            Task<Order{{m}}?> FindAsync(int id, CancellationToken cancellationToken);
            Task SaveAsync(Order{{m}} order, CancellationToken cancellationToken);
            IReadOnlyList<Order{{m}}> Snapshot();
        }

        public sealed class OrderStore{{m}} : IOrderStore{{m}}
        {
            private readonly ConcurrentDictionary<int, Order{{m}}> _orders = new();
            private readonly object _gate = new();
            private readonly string _root;
            private long _writes;

            public OrderStore{{m}}(string root) => _root = root;

            public long Writes
            {
                get { lock (_gate) { return _writes; } }
            }

            public async Task<Order{{m}}?> FindAsync(int id, CancellationToken cancellationToken)
            {
                if (_orders.TryGetValue(id, out var cached))
                {
                    return cached;
                }

                var path = Path.Combine(_root, id + ".order");
                if (!File.Exists(path))
                {
                    return null;
                }

                var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
                var order = Parse(text);
                _orders[id] = order;
                return order;
            }

            public async Task SaveAsync(Order{{m}} order, CancellationToken cancellationToken)
            {
                _orders[order.Id] = order;
                lock (_gate)
                {
                    _writes++;
                }

                await File.WriteAllTextAsync(Path.Combine(_root, order.Id + ".order"), Format(order), cancellationToken).ConfigureAwait(false);
            }

            public IReadOnlyList<Order{{m}}> Snapshot() => _orders.Values.OrderBy(o => o.Id).ToList();

            private static Order{{m}} Parse(string text)
            {
                var parts = text.Split(';');
                return new Order{{m}}(int.Parse(parts[0]), parts[1], decimal.Parse(parts[2]), DateTime.Parse(parts[3]), Enum.Parse<OrderState{{m}}>(parts[4]));
            }

            private static string Format(Order{{m}} o) => string.Join(";", o.Id, o.Customer, o.Amount, o.PlacedAt.ToString("O"), o.State);
        }

        """);

    public static SourceFile Service(int m, Random random)
    {
        var depth = random.Next(4, 9);
        var chain = new StringBuilder();
        for (var step = 0; step < depth; step++)
        {
            var last = step == depth - 1;
            chain.Append($$"""

                    private async Task<decimal> Step{{step}}Async(Order{{m}} order, CancellationToken cancellationToken)
                    {
                        var factor = {{step + 1}}m / {{depth}}m;
                        {{(last
                            ? "var body = await _http.GetStringAsync(\"/quote/\" + order.Id, cancellationToken).ConfigureAwait(false);\n            return decimal.TryParse(body, out var quoted) ? quoted * factor : order.Amount;"
                            : $"var next = await Step{step + 1}Async(order, cancellationToken).ConfigureAwait(false);\n            return next + order.Amount * factor;")}}
                    }

                """);
        }

        // One module in ten carries a blocking mistake, as real code does now and then.
        var mistake = random.Next(10) == 0
            ? "var rates = _http.GetStringAsync(\"/rates\").Result;\n        _logger.LogInformation(\"rates {Length}\", rates.Length);"
            : "var rates = await _http.GetStringAsync(\"/rates\", cancellationToken).ConfigureAwait(false);\n        _logger.LogInformation(\"rates {Length}\", rates.Length);";

        return new($"Module{m}/PricingService{m}.cs", Usings + $$"""
            namespace Corpus.Module{{m}};

            public sealed class PricingService{{m}}
            {
                private readonly HttpClient _http;
                private readonly ILogger<PricingService{{m}}> _logger;
                private readonly SemaphoreSlim _throttle = new(4);

                public PricingService{{m}}(HttpClient http, ILogger<PricingService{{m}}> logger)
                {
                    _http = http;
                    _logger = logger;
                }

                public async Task<decimal> QuoteAsync(Order{{m}} order, CancellationToken cancellationToken)
                {
                    await _throttle.WaitAsync(cancellationToken).ConfigureAwait(false);
                    try
                    {
                        {{mistake}}
                        return await Step0Async(order, cancellationToken).ConfigureAwait(false);
                    }
                    finally
                    {
                        _throttle.Release();
                    }
                }

                public async Task<IReadOnlyDictionary<int, decimal>> QuoteAllAsync(IEnumerable<Order{{m}}> orders, CancellationToken cancellationToken)
                {
                    var open = orders.Where(o => o.IsOpen).ToList();
                    var quotes = await Task.WhenAll(open.Select(o => QuoteAsync(o, cancellationToken))).ConfigureAwait(false);
                    return open.Zip(quotes, (o, q) => (o.Id, q)).ToDictionary(p => p.Id, p => p.q);
                }
            {{chain}}}

            """);
    }

    public static SourceFile Controller(int m, Random random)
    {
        var cases = new StringBuilder();
        var count = random.Next(8, 20);
        for (var c = 0; c < count; c++)
        {
            cases.Append($"            case {c}:\n                summary.Append(\"bucket {c}: \").Append(orders.Count(o => o.Id % {count} == {c})).AppendLine();\n                break;\n");
        }

        return new($"Module{m}/OrdersController{m}.cs", Usings + $$"""
            namespace Corpus.Module{{m}};

            [ApiController]
            [Route("api/m{{m}}/orders")]
            public sealed class OrdersController{{m}} : ControllerBase
            {
                private readonly IOrderStore{{m}} _store;
                private readonly PricingService{{m}} _pricing;

                public OrdersController{{m}}(IOrderStore{{m}} store, PricingService{{m}} pricing)
                {
                    _store = store;
                    _pricing = pricing;
                }

                [HttpGet("{id:int}")]
                public async Task<ActionResult<Order{{m}}>> Get(int id, CancellationToken cancellationToken)
                {
                    var order = await _store.FindAsync(id, cancellationToken);
                    return order is null ? NotFound() : order;
                }

                [HttpGet]
                public IActionResult List([FromQuery] int page = 0, [FromQuery] string? customer = null)
                {
                    var items = _store.Snapshot()
                        .Where(o => customer is null || o.Customer.Equals(customer, StringComparison.OrdinalIgnoreCase))
                        .Skip(page * 20)
                        .Take(20)
                        .Select(o => new { o.Id, o.Customer, o.Amount, State = o.State.ToString() })
                        .ToList();
                    return Ok(items);
                }

                [HttpPost]
                public async Task<IActionResult> Create(Order{{m}} order, CancellationToken cancellationToken)
                {
                    var price = await _pricing.QuoteAsync(order, cancellationToken);
                    var priced = order with { Amount = price };
                    await _store.SaveAsync(priced, cancellationToken);
                    return CreatedAtAction(nameof(Get), new { id = priced.Id }, priced);
                }

                [HttpGet("summary/{bucket:int}")]
                public IActionResult Summary(int bucket)
                {
                    var orders = _store.Snapshot();
                    var summary = new StringBuilder();
                    switch (bucket)
                    {
            {{cases}}            default:
                            summary.Append("all: ").Append(orders.Count);
                            break;
                    }

                    return Content(summary.ToString());
                }
            }

            """);
    }

    public static SourceFile Endpoints(int m) => new($"Module{m}/Endpoints{m}.cs", Usings + $$"""
        namespace Corpus.Module{{m}};

        public static class Endpoints{{m}}
        {
            public static IEndpointRouteBuilder MapModule{{m}}(this IEndpointRouteBuilder app)
            {
                var group = app.MapGroup("/m{{m}}");
                group.MapGet("/orders/{id:int}", async (int id, IOrderStore{{m}} store, CancellationToken cancellationToken) =>
                    await store.FindAsync(id, cancellationToken) is { } order ? Results.Ok(order) : Results.NotFound());
                group.MapPost("/orders", async (Order{{m}} order, IOrderStore{{m}} store, CancellationToken cancellationToken) =>
                {
                    await store.SaveAsync(order, cancellationToken);
                    return Results.Created($"/m{{m}}/orders/{order.Id}", order);
                });
                group.MapGet("/summary", (IOrderStore{{m}} store) => Results.Ok(Summarize(store.Snapshot())));
                group.MapGet("/health", () => "ok");
                return app;

                static object Summarize(IReadOnlyList<Order{{m}}> orders) =>
                    orders.GroupBy(o => o.State)
                        .Select(g => new { State = g.Key.ToString(), Count = g.Count(), Total = g.Sum(o => o.Amount) })
                        .OrderByDescending(s => s.Total)
                        .ToArray();
            }

            public static IServiceCollection AddModule{{m}}(this IServiceCollection services)
            {
                services.AddSingleton<IOrderStore{{m}}>(_ => new OrderStore{{m}}(Path.GetTempPath()));
                services.AddHttpClient<PricingService{{m}}>();
                services.AddHostedService<ReconciliationWorker{{m}}>();
                return services;
            }
        }

        public sealed class ReconciliationWorker{{m}} : BackgroundService
        {
            private readonly IOrderStore{{m}} _store;
            private readonly ILogger<ReconciliationWorker{{m}}> _logger;
            private int _passes;

            public ReconciliationWorker{{m}}(IOrderStore{{m}} store, ILogger<ReconciliationWorker{{m}}> logger)
            {
                _store = store;
                _logger = logger;
            }

            protected override async Task ExecuteAsync(CancellationToken stoppingToken)
            {
                using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30));
                while (await timer.WaitForNextTickAsync(stoppingToken))
                {
                    _passes++;
                    var stale = _store.Snapshot().Where(o => o.IsOpen && o.PlacedAt < DateTime.UtcNow.AddDays(-7)).ToList();
                    foreach (var order in stale)
                    {
                        await _store.SaveAsync(order with { State = OrderState{{m}}.Cancelled }, stoppingToken);
                    }

                    _logger.LogInformation("pass {Pass}: {Count} stale orders cancelled", _passes, stale.Count);
                }
            }
        }

        public sealed class TimingMiddleware{{m}}
        {
            private readonly RequestDelegate _next;

            public TimingMiddleware{{m}}(RequestDelegate next) => _next = next;

            public async Task InvokeAsync(HttpContext context)
            {
                var started = DateTime.UtcNow;
                await _next(context);
                context.Response.Headers["X-Elapsed-{{m}}"] = (DateTime.UtcNow - started).TotalMilliseconds.ToString("F1");
            }
        }

        """);

    public static SourceFile Analytics(int m, Random random)
    {
        var arms = new StringBuilder();
        var count = random.Next(20, 60);
        for (var c = 0; c < count; c++)
        {
            arms.Append($"            {c} => \"code {c} of module {m}\",\n");
        }

        var parallelCounter = random.Next(10) == 0
            ? "Parallel.ForEach(data, x => { if (x > threshold) count++; });"
            : "Parallel.ForEach(data, x => { if (x > threshold) Interlocked.Increment(ref count); });";

        return new($"Module{m}/Analytics{m}.cs", Usings + $$"""
            namespace Corpus.Module{{m}};

            public static class Analytics{{m}}
            {
                public static double[] MovingAverage(double[] values, int window)
                {
                    var result = new double[values.Length];
                    double sum = 0;
                    for (var i = 0; i < values.Length; i++)
                    {
                        sum += values[i];
                        if (i >= window)
                        {
                            sum -= values[i - window];
                        }

                        result[i] = sum / Math.Min(i + 1, window);
                    }

                    return result;
                }

                public static long[,] Multiply(long[,] a, long[,] b)
                {
                    var n = a.GetLength(0);
                    var result = new long[n, n];
                    for (var i = 0; i < n; i++)
                    {
                        for (var j = 0; j < n; j++)
                        {
                            long cell = 0;
                            for (var k = 0; k < n; k++)
                            {
                                cell += a[i, k] * b[k, j];
                            }

                            result[i, j] = cell;
                        }
                    }

                    return result;
                }

                public static Dictionary<string, int> WordCounts(IEnumerable<string> lines)
                {
                    var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
                    foreach (var line in lines)
                    {
                        var start = 0;
                        while (start < line.Length)
                        {
                            var end = line.IndexOf(' ', start);
                            if (end < 0)
                            {
                                end = line.Length;
                            }

                            if (end > start)
                            {
                                var word = line.Substring(start, end - start);
                                counts[word] = counts.TryGetValue(word, out var seen) ? seen + 1 : 1;
                            }

                            start = end + 1;
                        }
                    }

                    var retries = 0;
                    do
                    {
                        retries++;
                    }
                    while (retries < 3 && counts.Count == 0);
                    return counts;
                }

                public static string Describe(int code) => code switch
                {
            {{arms}}        _ => "unknown",
                };

                public static long ParallelSum(int[] data)
                {
                    long total = 0;
                    Parallel.For(0, data.Length, () => 0L, (j, _, local) => local + data[j], local => Interlocked.Add(ref total, local));
                    return total;
                }

                public static int CountAbove(int[] data, int threshold)
                {
                    var count = 0;
                    {{parallelCounter}}
                    return count;
                }

                public static async Task<int> ProcessAllAsync(IEnumerable<int> ids, Func<int, CancellationToken, Task<int>> work, CancellationToken cancellationToken)
                {
                    var tasks = ids.Select(id => work(id, cancellationToken)).ToList();
                    var results = await Task.WhenAll(tasks).ConfigureAwait(false);
                    var best = tasks[0].Result;
                    return results.Sum() + best;
                }

                public static IEnumerable<(int Key, double Mean)> Groups(IEnumerable<(int Key, double Value)> rows)
                {
                    Func<IEnumerable<double>, double> mean = values =>
                    {
                        double total = 0;
                        var n = 0;
                        foreach (var v in values)
                        {
                            total += v;
                            n++;
                        }

                        return n == 0 ? 0 : total / n;
                    };

                    return from row in rows
                           group row.Value by row.Key into g
                           where g.Any()
                           orderby g.Key
                           select (g.Key, Clamp(mean(g)));

                    static double Clamp(double value) => value < 0 ? 0 : value > 1e6 ? 1e6 : value;
                }
            }

            """);
    }

    public static SourceFile Generated(int m, Random random)
    {
        var properties = new StringBuilder();
        var writes = new StringBuilder();
        var reads = new StringBuilder();
        var count = random.Next(20, 40);
        for (var p = 0; p < count; p++)
        {
            properties.Append($"        public int Field{p} {{ get; set; }}\n");
            writes.Append($"            writer.Append(\"Field{p}=\").Append(value.Field{p}).Append(';');\n");
            reads.Append($"                    case \"Field{p}\": result.Field{p} = int.Parse(pair[1]); break;\n");
        }

        return new($"Module{m}/Contracts{m}.g.cs", $$"""
            // <auto-generated/>
            #nullable enable
            namespace Corpus.Module{{m}}.Contracts
            {
                public sealed partial class Envelope{{m}}
                {
            {{properties}}    }

                public static partial class Envelope{{m}}Serializer
                {
                    public static string Write(Envelope{{m}} value)
                    {
                        var writer = new global::System.Text.StringBuilder();
            {{writes}}            return writer.ToString();
                    }

                    public static Envelope{{m}} Read(string text)
                    {
                        var result = new Envelope{{m}}();
                        foreach (var part in text.Split(';'))
                        {
                            var pair = part.Split('=');
                            if (pair.Length != 2)
                            {
                                continue;
                            }

                            switch (pair[0])
                            {
            {{reads}}                }
                        }

                        return result;
                    }

                    public static global::System.Threading.Tasks.Task<string> WriteAsync(Envelope{{m}} value) =>
                        global::System.Threading.Tasks.Task.Run(() => Write(value));
                }
            }

            """);
    }
}
