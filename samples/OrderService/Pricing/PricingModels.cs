using OrderService.Orders;

namespace OrderService.Pricing;

public sealed record PriceList(string Version, string Currency, DateTimeOffset ValidUntil, IReadOnlyDictionary<string, decimal> Prices);

public sealed record QuoteRequest(string PriceListVersion, IReadOnlyList<OrderLineRequest> Lines);

public sealed record QuotedLine(string Sku, int Quantity, decimal UnitPrice);

public sealed record Quote(string Currency, IReadOnlyList<QuotedLine> Lines, decimal Subtotal, decimal Discount);

public sealed record ShippingRate(string Country, string Currency, decimal Amount);

public sealed class PricingUnavailableException(string message) : Exception(message);

public sealed class UnknownSkuException(IReadOnlyList<string> skus)
    : Exception($"Unknown SKU(s): {string.Join(", ", skus)}")
{
    public IReadOnlyList<string> Skus { get; } = skus;
}
