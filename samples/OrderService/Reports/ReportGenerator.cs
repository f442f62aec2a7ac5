using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using OrderService.Infrastructure;
using OrderService.Orders;

namespace OrderService.Reports;

/// <summary>Daily sales reports: a summary for the dashboard, a CSV download, and a CSV archive on disk.</summary>
public sealed class ReportGenerator
{
    private const int TopPairs = 10;

    private readonly OrderRepository _repository;
    private readonly string _directory;
    private readonly SemaphoreSlim _archiveWriter = new(1, 1);

    public ReportGenerator(OrderRepository repository, IOptions<StorageOptions> storage, IHostEnvironment environment)
    {
        _repository = repository;
        _directory = storage.Value.Resolve(environment, "reports");
    }

    public string ArchivePath(DateOnly day) => Path.Combine(_directory, $"sales-{day:yyyy-MM-dd}.csv");

    /// <summary>Archived CSV reports for days before <paramref name="day"/>.</summary>
    public IEnumerable<string> ArchivedBefore(DateOnly day)
    {
        foreach (var path in Directory.EnumerateFiles(_directory, "sales-*.csv"))
        {
            var name = Path.GetFileNameWithoutExtension(path)["sales-".Length..];
            if (DateOnly.TryParseExact(name, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var reportDay)
                && reportDay < day)
            {
                yield return path;
            }
        }
    }

    public async Task<SalesSummary> SummarizeAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var orders = (await _repository.ListAsync(new OrderQuery(PlacedOn: day), cancellationToken))
            .Where(order => order.Status != OrderStatus.Cancelled)
            .ToList();

        // Revenue per country. Busy days have tens of thousands of orders, so spread the work out.
        var revenueByCountry = new ConcurrentDictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
        decimal grossRevenue = 0;
        var customers = new HashSet<string>(StringComparer.Ordinal);
        var parallelism = new ParallelOptions
        {
            MaxDegreeOfParallelism = Environment.ProcessorCount * 4,
            CancellationToken = cancellationToken,
        };
        Parallel.ForEach(orders, parallelism, order =>
        {
            grossRevenue += order.Total;
            revenueByCountry.AddOrUpdate(order.ShipTo.Country, order.Total, (_, sum) => sum + order.Total);
            if (!customers.Contains(order.CustomerId))
            {
                customers.Add(order.CustomerId);
            }
        });

        // Units and revenue per SKU, and how often each pair of SKUs was bought in the same order.
        var skus = new Dictionary<string, (int Quantity, decimal Revenue)>(StringComparer.Ordinal);
        var pairs = new Dictionary<(string, string), int>();
        foreach (var order in orders)
        {
            for (var i = 0; i < order.Lines.Count; i++)
            {
                var line = order.Lines[i];
                var totals = skus.GetValueOrDefault(line.Sku);
                skus[line.Sku] = (totals.Quantity + line.Quantity, totals.Revenue + line.LineTotal);

                for (var j = i + 1; j < order.Lines.Count; j++)
                {
                    var other = order.Lines[j].Sku;
                    var pair = string.CompareOrdinal(line.Sku, other) < 0 ? (line.Sku, other) : (other, line.Sku);
                    pairs[pair] = pairs.GetValueOrDefault(pair) + 1;
                }
            }
        }

        return new SalesSummary(
            day,
            orders.Count,
            grossRevenue,
            skus.Select(entry => new SkuSales(entry.Key, entry.Value.Quantity, entry.Value.Revenue))
                .OrderByDescending(sales => sales.Revenue)
                .ToList(),
            new SortedDictionary<string, decimal>(revenueByCountry, StringComparer.OrdinalIgnoreCase),
            pairs.OrderByDescending(entry => entry.Value)
                .Take(TopPairs)
                .Select(entry => new SkuPair(entry.Key.Item1, entry.Key.Item2, entry.Value))
                .ToList(),
            customers.Count);
    }

    /// <summary>The day's CSV, built in memory for a download.</summary>
    public async Task<byte[]> RenderCsvAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var summary = await SummarizeAsync(day, cancellationToken);

        // A day's CSV is a few kilobytes: build it in memory and hand the response one array.
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.WriteLine(SkuSales.CsvHeader);
            foreach (var sku in summary.Skus)
            {
                writer.WriteLine(sku.ToCsv());
            }
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Writes the day's CSV to the archive and returns its path, or null when another caller is writing a report
    /// right now: callers are told to come back rather than queued behind it.
    /// </summary>
    public async Task<string?> TryWriteArchiveAsync(DateOnly day, CancellationToken cancellationToken)
    {
        if (!_archiveWriter.Wait(0))
        {
            return null;
        }

        try
        {
            var summary = await SummarizeAsync(day, cancellationToken);
            var path = ArchivePath(day);
            await using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 4096, useAsync: true);
            await using var writer = new StreamWriter(stream, Encoding.UTF8);
            writer.WriteLine(SkuSales.CsvHeader);
            foreach (var sku in summary.Skus)
            {
                writer.WriteLine(sku.ToCsv());
            }

            return path;
        }
        finally
        {
            _archiveWriter.Release();
        }
    }
}
