namespace OrderService.Orders;

public sealed record MetricsSnapshot(long OrdersPlaced, long OrdersCancelled, decimal NetRevenue);

/// <summary>Process-wide counters shown on /api/metrics. One instance, updated by every request.</summary>
public sealed class OrderMetrics
{
    private readonly object _gate = new();
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
        // The counters and the revenue change together, so a snapshot never sees one without the other.
        lock (_gate)
        {
            _cancelled++;
            _netRevenue -= order.Total;
        }
    }

    public MetricsSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new(_placed, _cancelled, _netRevenue);
        }
    }
}
