using System.Globalization;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace ConcurrencyBench.Pairs.CONC0104.After;

/// <summary>
/// GET /stock/{id}: a minimal-API handler that calls a downstream service (an I/O-like operation that answers after
/// <see cref="DownstreamDelayMs"/>). In Before.cs the handler is synchronous and blocks on the call's result; After.cs
/// is what the CONC0104 fix makes of it.
/// </summary>
public static class StockEndpoint
{
    /// <summary>How long the downstream call takes, like a database or HTTP round trip.</summary>
    public const int DownstreamDelayMs = 20;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/stock/{id:int}", async (int id) => Body(id, await GetStockAsync(id)));
    }

    /// <summary>The body the handler answers with, so the load generator can check every response.</summary>
    public static string Body(int id, int stock) => id.ToString(CultureInfo.InvariantCulture) + ":" + stock.ToString(CultureInfo.InvariantCulture);

    /// <summary>The stock level the downstream service returns for an id.</summary>
    public static int ExpectedStock(int id) => id * 13 % 100;

    private static async Task<int> GetStockAsync(int id)
    {
        await Task.Delay(DownstreamDelayMs);
        return ExpectedStock(id);
    }
}
