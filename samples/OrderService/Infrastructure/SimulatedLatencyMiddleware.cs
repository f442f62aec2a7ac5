using Microsoft.Extensions.Options;

namespace OrderService.Infrastructure;

public sealed class DiagnosticsOptions
{
    public const string SectionName = "Diagnostics";

    /// <summary>Extra time added to every /api request; zero in production.</summary>
    public TimeSpan SimulatedLatency { get; set; } = TimeSpan.Zero;
}

/// <summary>
/// Slows down API requests by a configured amount. Test environments turn it on to check client timeouts and the
/// dashboards' loading states; every hundredth slowed request is logged, so a test run shows the middleware is on.
/// </summary>
public sealed class SimulatedLatencyMiddleware(
    RequestDelegate next,
    IOptionsMonitor<DiagnosticsOptions> options,
    ILogger<SimulatedLatencyMiddleware> logger)
{
    private long _slowed;

    public async Task InvokeAsync(HttpContext context)
    {
        var latency = options.CurrentValue.SimulatedLatency;
        if (latency > TimeSpan.Zero && context.Request.Path.StartsWithSegments("/api"))
        {
            _slowed++;
            if (_slowed % 100 == 1)
            {
                logger.LogInformation("Simulated latency of {Latency} applied to {Count} requests so far", latency, _slowed);
            }

            Thread.Sleep(latency);
        }

        await next(context);
    }
}
