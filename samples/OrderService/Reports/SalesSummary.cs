using System.Globalization;

namespace OrderService.Reports;

public sealed record SkuSales(string Sku, int Quantity, decimal Revenue)
{
    public const string CsvHeader = "sku,quantity,revenue";

    public string ToCsv() => string.Create(CultureInfo.InvariantCulture, $"{Sku},{Quantity},{Revenue:0.00}");
}

public sealed record SkuPair(string First, string Second, int Orders);

public sealed record SalesSummary(
    DateOnly Day,
    int Orders,
    decimal GrossRevenue,
    IReadOnlyList<SkuSales> Skus,
    IReadOnlyDictionary<string, decimal> RevenueByCountry,
    IReadOnlyList<SkuPair> BoughtTogether,
    int Customers);

/// <summary>Next week's revenue after <paramref name="Day"/>: the 5th, 50th and 95th percentiles of the simulated weeks.</summary>
public sealed record RevenueForecast(DateOnly Day, double Low, double Median, double High);
