using OrderService.Orders;

namespace OrderService.Pricing;

/// <summary>
/// A stand-in for the pricing service, served by this same process on loopback so that the sample runs on its own.
/// In production <c>Pricing:BaseUrl</c> points at the real service.
/// </summary>
public static class PricingStubEndpoints
{
    private const string Currency = "EUR";
    private const decimal DiscountThreshold = 200m;
    private const decimal DiscountRate = 0.05m;
    private const decimal InternationalRate = 19.90m;
    private static readonly TimeSpan CarrierLatency = TimeSpan.FromMilliseconds(50);

    private static readonly IReadOnlyDictionary<string, decimal> ListPrices = new Dictionary<string, decimal>
    {
        ["MUG-001"] = 9.50m,
        ["TEE-BLK-M"] = 19.00m,
        ["TEE-BLK-L"] = 19.00m,
        ["HOODIE-GRY"] = 49.00m,
        ["CAP-RED"] = 15.00m,
        ["BOTTLE-750"] = 22.50m,
        ["STICKERS-10"] = 4.00m,
    };

    private static readonly IReadOnlyDictionary<string, decimal> CarrierRates = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase)
    {
        ["DE"] = 4.90m,
        ["FR"] = 6.90m,
        ["NL"] = 5.90m,
        ["US"] = 14.90m,
    };

    public static IEndpointRouteBuilder MapPricingStub(this IEndpointRouteBuilder endpoints)
    {
        var stub = endpoints.MapGroup("/pricing-stub");

        stub.MapGet("/price-list", (TimeProvider time) =>
            new PriceList("2025-06", Currency, time.GetUtcNow().AddMinutes(10), ListPrices));

        stub.MapPost("/quotes", (QuoteRequest request) =>
        {
            var lines = new List<QuotedLine>();
            foreach (var line in request.Lines)
            {
                if (!ListPrices.TryGetValue(line.Sku, out var price))
                {
                    return Results.Problem($"Unknown SKU {line.Sku}.", statusCode: StatusCodes.Status400BadRequest);
                }

                lines.Add(new QuotedLine(line.Sku, line.Quantity, price));
            }

            var subtotal = lines.Sum(line => line.Quantity * line.UnitPrice);
            var discount = subtotal >= DiscountThreshold ? decimal.Round(subtotal * DiscountRate, 2) : 0m;
            return Results.Ok(new Quote(Currency, lines, subtotal, discount));
        });

        stub.MapGet("/shipping-rates/{country}", (string country) =>
        {
            // The real carrier API takes a while to answer; imitate it so client timeouts get exercised.
            Thread.Sleep(CarrierLatency);
            var amount = CarrierRates.GetValueOrDefault(country, InternationalRate);
            return new ShippingRate(country.ToUpperInvariant(), Currency, amount);
        });

        return endpoints;
    }
}
