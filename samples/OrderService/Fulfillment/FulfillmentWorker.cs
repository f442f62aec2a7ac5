using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using OrderService.Infrastructure;
using OrderService.Orders;

namespace OrderService.Fulfillment;

public sealed class FulfillmentOptions
{
    public const string SectionName = "Fulfillment";

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    public int BatchSize { get; set; } = 10;
}

/// <summary>
/// Picks up paid orders, prints their shipping labels to the warehouse spool directory and marks them shipped.
/// </summary>
public sealed class FulfillmentWorker : BackgroundService
{
    private readonly OrderRepository _repository;
    private readonly AuditTrail _audit;
    private readonly IHubContext<OrderStatusHub> _statusHub;
    private readonly TimeProvider _time;
    private readonly ILogger<FulfillmentWorker> _logger;
    private readonly FulfillmentOptions _options;
    private readonly string _spoolDirectory;

    public FulfillmentWorker(
        OrderRepository repository,
        AuditTrail audit,
        IHubContext<OrderStatusHub> statusHub,
        TimeProvider time,
        IOptions<FulfillmentOptions> options,
        IOptions<StorageOptions> storage,
        IHostEnvironment environment,
        ILogger<FulfillmentWorker> logger)
    {
        _repository = repository;
        _audit = audit;
        _statusHub = statusHub;
        _time = time;
        _logger = logger;
        _options = options.Value;
        _spoolDirectory = storage.Value.Resolve(environment, "label-spool");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _logger.LogInformation("Fulfillment started; polling every {PollInterval}", _options.PollInterval);
        while (!stoppingToken.IsCancellationRequested)
        {
            var paid = await _repository.ListAsync(new OrderQuery(Status: OrderStatus.Paid), stoppingToken);
            if (paid.Count > 0)
            {
                var shipments = paid.Take(_options.BatchSize).Select(order => ShipAsync(order, stoppingToken)).ToArray();
                Task.WaitAll(shipments, stoppingToken);
                _logger.LogInformation("Processed {Count} of {Waiting} paid orders", shipments.Length, paid.Count);
            }

            Thread.Sleep(_options.PollInterval);
        }
    }

    private async Task ShipAsync(Order order, CancellationToken cancellationToken)
    {
        try
        {
            var label = ShippingLabel.Render(order);
            await File.WriteAllTextAsync(Path.Combine(_spoolDirectory, $"{order.Id:N}.zpl"), label, cancellationToken);

            var shipped = await _repository.TransitionAsync(
                order.Id,
                OrderStatus.Paid,
                paid => paid with { Status = OrderStatus.Shipped, ShippedAt = _time.GetUtcNow() },
                cancellationToken);
            if (shipped?.Status == OrderStatus.Shipped)
            {
                await _audit.RecordAsync($"order {order.Id} shipped", cancellationToken);
                await _statusHub.Clients.Group(OrderStatusHub.GroupFor(order.Id))
                    .SendAsync(OrderStatusHub.StatusChanged, order.Id, shipped.Status, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogError(ex, "Shipping order {OrderId} failed; it stays paid and is retried", order.Id);
        }
    }
}
