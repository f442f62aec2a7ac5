using Microsoft.Extensions.Options;

namespace OrderService.Infrastructure;

/// <summary>
/// While operations keep a notice in <c>App_Data/ops/maintenance.txt</c> (during a storage migration, say), API
/// requests are answered with 503 and the notice instead of reaching the orders.
/// </summary>
public sealed class MaintenanceModeMiddleware(RequestDelegate next, IOptions<StorageOptions> storage, IHostEnvironment environment)
{
    private const string RetryAfterSeconds = "120";

    private readonly string _noticePath = Path.Combine(storage.Value.Resolve(environment, "ops"), "maintenance.txt");

    public Task Invoke(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/api") || !File.Exists(_noticePath))
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds;
        return context.Response.WriteAsync(File.ReadAllText(_noticePath), context.RequestAborted);
    }
}
