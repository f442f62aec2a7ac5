using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using OrderService.Infrastructure;

namespace OrderService.Orders;

/// <summary>
/// Invoices carry the customer's name and address, so every invoice served is written to the audit trail with who
/// asked for it.
/// </summary>
public sealed class InvoiceAccessAuditFilter(AuditTrail audit) : IActionFilter
{
    public void OnActionExecuting(ActionExecutingContext context)
    {
    }

    public void OnActionExecuted(ActionExecutedContext context)
    {
        if (context.Exception is not null || context.Result is not ContentResult)
        {
            return;
        }

        var http = context.HttpContext;
        var requester = http.Request.Headers.UserAgent.ToString() is { Length: > 0 } userAgent ? userAgent : "unknown client";
        audit.RecordAsync(
                $"invoice {http.Request.RouteValues["id"]} served to {http.Connection.RemoteIpAddress} ({requester})",
                http.RequestAborted)
            .GetAwaiter()
            .GetResult();
    }
}
