namespace OrderService.Pricing;

public sealed class PricingOptions
{
    public const string SectionName = "Pricing";

    /// <summary>The pricing service. Startup refuses anything but a loopback address.</summary>
    public Uri BaseUrl { get; set; } = new("http://127.0.0.1:5080/pricing-stub/");

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public int MaxAttempts { get; set; } = 3;

    public TimeSpan QuoteCacheDuration { get; set; } = TimeSpan.FromMinutes(5);
}
