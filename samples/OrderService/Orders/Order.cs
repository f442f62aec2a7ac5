using System.Text.Json.Serialization;

namespace OrderService.Orders;

[JsonConverter(typeof(JsonStringEnumConverter<OrderStatus>))]
public enum OrderStatus
{
    /// <summary>Payment captured upstream; waiting for fulfillment.</summary>
    Paid,
    Shipped,
    Cancelled,
}

public sealed record Address(string Name, string Street, string City, string PostalCode, string Country);

public sealed record OrderLine(string Sku, int Quantity, decimal UnitPrice)
{
    public decimal LineTotal => Quantity * UnitPrice;
}

public sealed record Order(
    Guid Id,
    string CustomerId,
    Address ShipTo,
    IReadOnlyList<OrderLine> Lines,
    decimal Subtotal,
    decimal Discount,
    decimal ShippingCost,
    string Currency,
    OrderStatus Status,
    DateTimeOffset PlacedAt,
    DateTimeOffset? ShippedAt = null)
{
    public decimal Total => Subtotal - Discount + ShippingCost;
}

public sealed record OrderLineRequest(string Sku, int Quantity);

public sealed record CreateOrderRequest(string CustomerId, Address ShipTo, IReadOnlyList<OrderLineRequest> Lines);

/// <summary>Filters for listing orders; null means "any".</summary>
public sealed record OrderQuery(DateOnly? PlacedOn = null, OrderStatus? Status = null)
{
    public bool Matches(Order order) =>
        (PlacedOn is null || DateOnly.FromDateTime(order.PlacedAt.UtcDateTime) == PlacedOn)
        && (Status is null || order.Status == Status);
}
