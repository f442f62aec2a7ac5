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
/// dashboards' loading states.
/// </summary>
public sealed class SimulatedLatencyMiddleware(RequestDelegate next, IOptionsMonitor<DiagnosticsOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var latency = options.CurrentValue.SimulatedLatency;
        if (latency > TimeSpan.Zero && context.Request.Path.StartsWithSegments("/api"))
        {
            Thread.Sleep(latency);
        }

        await next(context);
    }
}
