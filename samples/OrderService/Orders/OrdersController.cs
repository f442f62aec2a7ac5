using Microsoft.AspNetCore.Mvc;
using OrderService.Infrastructure;
using OrderService.Pricing;

namespace OrderService.Orders;

[ApiController]
[Route("api/orders")]
public sealed class OrdersController(
    OrderRepository repository,
    PricingClient pricing,
    AuditTrail audit,
    OrderMetrics metrics,
    TimeProvider time) : ControllerBase
{
    [HttpGet("{id:guid}", Name = "GetOrder")]
    public async Task<ActionResult<Order>> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var order = await repository.GetAsync(id, cancellationToken);
        return order is null ? NotFound() : order;
    }

    [HttpGet]
    public async Task<IReadOnlyList<Order>> ListAsync(
        [FromQuery] DateOnly? placedOn,
        [FromQuery] OrderStatus? status,
        CancellationToken cancellationToken) =>
        await repository.ListAsync(new OrderQuery(placedOn, status), cancellationToken);

    [HttpPost]
    public async Task<ActionResult<Order>> CreateAsync(CreateOrderRequest request, CancellationToken cancellationToken)
    {
        if (request.Lines.Count == 0 || request.Lines.Any(line => line.Quantity <= 0))
        {
            ModelState.AddModelError(nameof(request.Lines), "An order needs at least one line, each with a positive quantity.");
            return ValidationProblem(ModelState);
        }

        // The quote and the carrier rate come from different backends: ask for both at once.
        var quoteTask = pricing.GetQuoteAsync(request.Lines, cancellationToken);
        var shippingTask = pricing.GetShippingRateAsync(request.ShipTo.Country, cancellationToken);

        Quote quote;
        try
        {
            quote = await quoteTask;
        }
        catch (UnknownSkuException ex)
        {
            return Problem(ex.Message, statusCode: StatusCodes.Status422UnprocessableEntity);
        }
        catch (PricingUnavailableException ex)
        {
            return Problem(ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var shipping = shippingTask.Result;
        var order = new Order(
            Guid.NewGuid(),
            request.CustomerId,
            request.ShipTo,
            quote.Lines.Select(line => new OrderLine(line.Sku, line.Quantity, line.UnitPrice)).ToList(),
            quote.Subtotal,
            quote.Discount,
            shipping.Amount,
            quote.Currency,
            OrderStatus.Paid,
            time.GetUtcNow());

        await repository.CreateAsync(order, cancellationToken);
        await audit.RecordAsync($"order {order.Id} placed by {order.CustomerId}: {order.Total} {order.Currency}", cancellationToken);
        metrics.RecordPlaced(order);
        return CreatedAtRoute("GetOrder", new { id = order.Id }, order);
    }

    /// <summary>Plain-text invoice; the support desk's tools link here directly.</summary>
    [HttpGet("{id:guid}/invoice")]
    [ServiceFilter<InvoiceAccessAuditFilter>]
    public IActionResult GetInvoice(Guid id)
    {
        var order = repository.Get(id);
        return order is null ? NotFound() : Content(InvoiceFormatter.Format(order), "text/plain; charset=utf-8");
    }
}
