namespace OrderService.Reports;

public static class ReportEndpoints
{
    /// <summary>How many weeks the forecast simulates to give a range rather than a single figure.</summary>
    private const int SimulatedWeeks = 200_000;

    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var reports = endpoints.MapGroup("/api/reports");

        reports.MapGet("/sales/{day}", (DateOnly day, ReportGenerator generator, CancellationToken cancellationToken) =>
            generator.SummarizeAsync(day, cancellationToken));

        reports.MapGet("/sales/{day}/csv", async (DateOnly day, ReportGenerator generator, CancellationToken cancellationToken) =>
            Results.File(await generator.RenderCsvAsync(day, cancellationToken), "text/csv", $"sales-{day:yyyy-MM-dd}.csv"));

        // Next week's revenue as a range: resample the day's order count and basket size for many simulated weeks.
        reports.MapGet("/sales/{day}/forecast", async (DateOnly day, ReportGenerator generator, CancellationToken cancellationToken) =>
        {
            var summary = await generator.SummarizeAsync(day, cancellationToken);
            var perOrder = summary.Orders == 0 ? 0.0 : (double)summary.GrossRevenue / summary.Orders;
            var random = new Random(day.DayNumber);
            var weeks = new double[SimulatedWeeks];
            for (var week = 0; week < SimulatedWeeks; week++)
            {
                var revenue = 0.0;
                for (var weekday = 0; weekday < 7; weekday++)
                {
                    var orders = summary.Orders * (0.8 + (0.4 * random.NextDouble()));
                    revenue += orders * perOrder * (0.9 + (0.2 * random.NextDouble()));
                }

                weeks[week] = revenue;
            }

            Array.Sort(weeks);
            return new RevenueForecast(day, weeks[SimulatedWeeks / 20], weeks[SimulatedWeeks / 2], weeks[SimulatedWeeks * 19 / 20]);
        });

        reports.MapGet("/archive/{day}", async (DateOnly day, ReportGenerator generator, CancellationToken cancellationToken) =>
        {
            var path = generator.ArchivePath(day);
            if (!File.Exists(path) && await generator.TryWriteArchiveAsync(day, cancellationToken) is null)
            {
                return Results.Problem("The report is being written; try again in a moment.", statusCode: StatusCodes.Status409Conflict);
            }

            return Results.File(File.ReadAllBytes(path), "text/csv", Path.GetFileName(path));
        });

        return endpoints;
    }
}
