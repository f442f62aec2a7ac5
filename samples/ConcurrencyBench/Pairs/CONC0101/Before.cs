using System.Globalization;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace ConcurrencyBench.Pairs.CONC0101.Before;

/// <summary>
/// GET /price/{id}: an async ASP.NET Core handler that calls a downstream service (an I/O-like operation that answers
/// after <see cref="DownstreamDelayMs"/>) and waits for it synchronously.
/// </summary>
public static class PriceEndpoint
{
    /// <summary>How long the downstream call takes, like a database or HTTP round trip.</summary>
    public const int DownstreamDelayMs = 20;

    public static async Task HandleAsync(HttpContext context)
    {
        var id = int.Parse((string)context.Request.RouteValues["id"]!, CultureInfo.InvariantCulture);
        var price = GetPriceAsync(id).Result;
        await context.Response.WriteAsync(Body(id, price));
    }

    /// <summary>The body the handler answers with, so the load generator can check every response.</summary>
    public static string Body(int id, int price) => id.ToString(CultureInfo.InvariantCulture) + ":" + price.ToString(CultureInfo.InvariantCulture);

    /// <summary>The price the downstream service returns for an id.</summary>
    public static int ExpectedPrice(int id) => id * 7 % 100;

    private static async Task<int> GetPriceAsync(int id)
    {
        await Task.Delay(DownstreamDelayMs);
        return ExpectedPrice(id);
    }
}
