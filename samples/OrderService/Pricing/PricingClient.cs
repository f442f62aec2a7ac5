using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;
using OrderService.Orders;

namespace OrderService.Pricing;

/// <summary>Client of the pricing service: price list, quotes (with discounts) and carrier rates.</summary>
public sealed class PricingClient(
    IHttpClientFactory httpClientFactory,
    IDistributedCache cache,
    IOptions<PricingOptions> options,
    TimeProvider time,
    ILogger<PricingClient> logger)
{
    public const string HttpClientName = "pricing";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private readonly PricingOptions _options = options.Value;
    private readonly Lock _priceListLock = new();
    private PriceList? _priceList;
    private long _cachedQuotes;

    /// <summary>Quotes answered from the cache since start-up, for the metrics endpoint.</summary>
    public long CachedQuotes => _cachedQuotes;

    public async Task<Quote> GetQuoteAsync(IReadOnlyList<OrderLineRequest> lines, CancellationToken cancellationToken)
    {
        PriceList priceList;
        lock (_priceListLock)
        {
            if (_priceList is null || _priceList.ValidUntil <= time.GetUtcNow())
            {
                // No await inside a lock; the list is valid for minutes, so a refresh is rare enough to wait for.
                _priceList = FetchPriceListAsync(cancellationToken).GetAwaiter().GetResult();
            }

            priceList = _priceList;
        }

        var unknown = lines.Select(line => line.Sku).Where(sku => !priceList.Prices.ContainsKey(sku)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            throw new UnknownSkuException(unknown);
        }

        var cacheKey = QuoteCacheKey(priceList, lines);
        if (cache.GetString(cacheKey) is { } cached && JsonSerializer.Deserialize<Quote>(cached, JsonOptions) is { } hit)
        {
            _cachedQuotes++;
            return hit;
        }

        var quote = await PostWithRetryAsync<QuoteRequest, Quote>("quotes", new QuoteRequest(priceList.Version, lines), cancellationToken);
        await cache.SetStringAsync(
            cacheKey,
            JsonSerializer.Serialize(quote, JsonOptions),
            new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = _options.QuoteCacheDuration },
            cancellationToken);
        return quote;
    }

    public async Task<ShippingRate> GetShippingRateAsync(string country, CancellationToken cancellationToken)
    {
        var http = httpClientFactory.CreateClient(HttpClientName);
        var rate = await http.GetFromJsonAsync<ShippingRate>(
            $"shipping-rates/{Uri.EscapeDataString(country)}", JsonOptions, cancellationToken);
        return rate ?? throw new PricingUnavailableException($"No shipping rate for {country}.");
    }

    private async Task<PriceList> FetchPriceListAsync(CancellationToken cancellationToken)
    {
        var http = httpClientFactory.CreateClient(HttpClientName);
        var priceList = await http.GetFromJsonAsync<PriceList>("price-list", JsonOptions, cancellationToken);
        logger.LogInformation("Loaded price list {Version}", priceList?.Version);
        return priceList ?? throw new PricingUnavailableException("The pricing service returned no price list.");
    }

    private async Task<TResponse> PostWithRetryAsync<TRequest, TResponse>(
        string path,
        TRequest body,
        CancellationToken cancellationToken)
    {
        var http = httpClientFactory.CreateClient(HttpClientName);
        for (var attempt = 1; ; attempt++)
        {
            using var response = await http.PostAsJsonAsync(path, body, JsonOptions, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return await response.Content.ReadFromJsonAsync<TResponse>(JsonOptions, cancellationToken)
                    ?? throw new PricingUnavailableException($"The pricing service returned an empty body for {path}.");
            }

            if (!IsTransient(response.StatusCode) || attempt >= _options.MaxAttempts)
            {
                var problem = response.Content.ReadAsStringAsync().Result;
                throw new PricingUnavailableException(
                    $"The pricing service returned {(int)response.StatusCode} for {path}: {problem}");
            }

            var backoff = TimeSpan.FromMilliseconds(200 * Math.Pow(2, attempt - 1));
            logger.LogWarning(
                "Pricing returned {StatusCode} for {Path}; attempt {Attempt} of {MaxAttempts}, retrying in {Backoff}",
                (int)response.StatusCode, path, attempt, _options.MaxAttempts, backoff);
            Thread.Sleep(backoff);
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError;

    private static string QuoteCacheKey(PriceList priceList, IEnumerable<OrderLineRequest> lines) =>
        $"quote:{priceList.Version}:" + string.Join(
            ',', lines.OrderBy(line => line.Sku, StringComparer.Ordinal).Select(line => $"{line.Sku}x{line.Quantity}"));
}
