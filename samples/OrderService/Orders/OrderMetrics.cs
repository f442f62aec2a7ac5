namespace OrderService.Orders;

public sealed record MetricsSnapshot(long OrdersPlaced, long OrdersCancelled, decimal NetRevenue);

/// <summary>Process-wide counters shown on /api/metrics. One instance, updated by every request.</summary>
public sealed class OrderMetrics
{
    private long _placed;
    private long _cancelled;
    private decimal _netRevenue;

    public void RecordPlaced(Order order)
    {
        _placed++;
        _netRevenue += order.Total;
    }

    public void RecordCancelled(Order order)
    {
        _cancelled++;
        _netRevenue -= order.Total;
    }

    public MetricsSnapshot Snapshot() => new(_placed, _cancelled, _netRevenue);
}
