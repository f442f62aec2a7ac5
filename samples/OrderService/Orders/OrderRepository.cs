using System.Text.Json;
using Microsoft.Extensions.Options;
using OrderService.Infrastructure;

namespace OrderService.Orders;

/// <summary>Stores each order as one JSON document in the data directory.</summary>
public sealed class OrderRepository
{
    private const int MaxReplaceAttempts = 3;
    private static readonly TimeSpan ReplaceRetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly string _directory;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly ILogger<OrderRepository> _logger;

    public OrderRepository(IOptions<StorageOptions> storage, IHostEnvironment environment, ILogger<OrderRepository> logger)
    {
        _directory = storage.Value.Resolve(environment, "orders");
        _logger = logger;
    }

    public async Task<Order?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var path = PathFor(id);
        return File.Exists(path) ? await ReadAsync(path, cancellationToken) : null;
    }

    /// <summary>For callers that cannot be async, such as the invoice renderer.</summary>
    public Order? Get(Guid id)
    {
        var path = PathFor(id);
        return File.Exists(path) ? JsonSerializer.Deserialize<Order>(File.ReadAllText(path), JsonOptions) : null;
    }

    public async Task<IReadOnlyList<Order>> ListAsync(OrderQuery query, CancellationToken cancellationToken)
    {
        var orders = new List<Order>();
        foreach (var path in Directory.EnumerateFiles(_directory, "*.json"))
        {
            if (await ReadAsync(path, cancellationToken) is { } order && query.Matches(order))
            {
                orders.Add(order);
            }
        }

        orders.Sort((a, b) => a.PlacedAt.CompareTo(b.PlacedAt));
        return orders;
    }

    public async Task CreateAsync(Order order, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await WriteAsync(order, cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>
    /// Applies <paramref name="change"/> if the order is still in <paramref name="expected"/> status. Returns the
    /// stored order (changed or not), or null when there is no such order.
    /// </summary>
    public async Task<Order?> TransitionAsync(
        Guid id,
        OrderStatus expected,
        Func<Order, Order> change,
        CancellationToken cancellationToken)
    {
        _writeGate.Wait(cancellationToken);
        try
        {
            var path = PathFor(id);
            if (!File.Exists(path))
            {
                return null;
            }

            var current = JsonSerializer.Deserialize<Order>(File.ReadAllText(path), JsonOptions);
            if (current is null || current.Status != expected)
            {
                return current;
            }

            var changed = change(current);
            await WriteAsync(changed, cancellationToken);
            return changed;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task WriteAsync(Order order, CancellationToken cancellationToken)
    {
        var path = PathFor(order.Id);
        var temporary = path + ".tmp";
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 4096, useAsync: true))
        {
            await JsonSerializer.SerializeAsync(stream, order, JsonOptions, cancellationToken);
        }

        // Write, then rename, so readers never see half an order. The rename fails while a virus scanner or a
        // backup agent holds the target open, which clears within moments: retry a few times.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                File.Move(temporary, path, overwrite: true);
                return;
            }
            catch (IOException ex) when (attempt < MaxReplaceAttempts)
            {
                _logger.LogWarning(ex, "Replacing {Path} failed on attempt {Attempt}; retrying", path, attempt);
                Thread.Sleep(ReplaceRetryDelay * attempt);
            }
        }
    }

    private static async Task<Order?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(
            path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, useAsync: true);
        return await JsonSerializer.DeserializeAsync<Order>(stream, JsonOptions, cancellationToken);
    }

    private string PathFor(Guid id) => Path.Combine(_directory, $"{id:N}.json");
}
