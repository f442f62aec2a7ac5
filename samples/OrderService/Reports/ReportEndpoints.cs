namespace OrderService.Reports;

public static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var reports = endpoints.MapGroup("/api/reports");

        reports.MapGet("/sales/{day}", (DateOnly day, ReportGenerator generator, CancellationToken cancellationToken) =>
            generator.SummarizeAsync(day, cancellationToken));

        reports.MapGet("/sales/{day}/csv", async (DateOnly day, ReportGenerator generator, CancellationToken cancellationToken) =>
            Results.File(await generator.RenderCsvAsync(day, cancellationToken), "text/csv", $"sales-{day:yyyy-MM-dd}.csv"));

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
