using OrderService.Infrastructure;
using OrderService.Pricing;

namespace OrderService.Orders;

public sealed record DailySales(DateOnly Day, int Orders, decimal Revenue);

public sealed record Dashboard(IReadOnlyList<DailySales> LastSevenDays, int AwaitingShipment);

/// <summary>Order endpoints that are thin enough not to need the controller.</summary>
public static class OrderEndpoints
{
    public static IEndpointRouteBuilder MapOrderEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");

        api.MapGet("/dashboard", GetDashboardAsync);

        api.MapPost("/orders/{id:guid}/cancel", async (
            Guid id,
            OrderRepository repository,
            AuditTrail audit,
            OrderMetrics metrics,
            CancellationToken cancellationToken) =>
        {
            var order = await repository.TransitionAsync(
                id, OrderStatus.Paid, paid => paid with { Status = OrderStatus.Cancelled }, cancellationToken);
            if (order is null)
            {
                return Results.NotFound();
            }

            if (order.Status != OrderStatus.Cancelled)
            {
                return Results.Problem($"Order {id} is already {order.Status}.", statusCode: StatusCodes.Status409Conflict);
            }

            await audit.RecordAsync($"order {id} cancelled", cancellationToken);
            metrics.RecordCancelled(order);
            return Results.Ok(order);
        });

        api.MapGet("/metrics", (OrderMetrics metrics) => metrics.Snapshot());

        // The basket page shows what shipping will cost before the customer places the order.
        api.MapGet("/shipping-estimate/{country}", (string country, PricingClient pricing, CancellationToken cancellationToken) =>
        {
            if (country.Length != 2 || !country.All(char.IsAsciiLetter))
            {
                return Results.Problem("Use a two-letter country code.", statusCode: StatusCodes.Status400BadRequest);
            }

            var rate = pricing.GetShippingRateAsync(country, cancellationToken).Result;
            return Results.Ok(rate);
        });

        return endpoints;
    }

    private static async Task<Dashboard> GetDashboardAsync(
        OrderRepository repository,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var days = Enumerable.Range(-6, 7).Select(offset => today.AddDays(offset)).ToList();
        var ordersPerDay = days
            .Select(day => repository.ListAsync(new OrderQuery(PlacedOn: day), cancellationToken))
            .ToList();
        var awaitingShipment = repository.ListAsync(new OrderQuery(Status: OrderStatus.Paid), cancellationToken);
        await Task.WhenAll(ordersPerDay);

        // Task.WhenAll has finished every day's load, so .Result only reads it.
        var lastSevenDays = new List<DailySales>(days.Count);
        for (var i = 0; i < days.Count; i++)
        {
            var live = ordersPerDay[i].Result.Where(order => order.Status != OrderStatus.Cancelled).ToList();
            lastSevenDays.Add(new DailySales(days[i], live.Count, live.Sum(order => order.Total)));
        }

        return new Dashboard(lastSevenDays, (await awaitingShipment).Count);
    }
}
