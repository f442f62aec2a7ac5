using System.IO.Compression;

namespace OrderService.Reports;

/// <summary>Archives yesterday's sales report once it is complete, and compresses archived reports after a week.</summary>
public sealed class DailyReportService(ReportGenerator reports, TimeProvider time, ILogger<DailyReportService> logger)
    : BackgroundService
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromHours(1);
    private const int UncompressedDays = 7;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CheckInterval, time);
        do
        {
            var yesterday = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-1);
            if (!File.Exists(reports.ArchivePath(yesterday))
                && await reports.TryWriteArchiveAsync(yesterday, stoppingToken) is { } written)
            {
                logger.LogInformation("Archived the sales report for {Day} to {Path}", yesterday, written);
            }

            await CompressOldReportsAsync(yesterday.AddDays(-UncompressedDays), stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task CompressOldReportsAsync(DateOnly before, CancellationToken cancellationToken)
    {
        foreach (var report in reports.ArchivedBefore(before).ToList())
        {
            // SmallestSize is CPU-bound: run it on a pool thread instead of holding up this loop.
            await Task.Run(() =>
            {
                using var source = File.OpenRead(report);
                using var target = new GZipStream(File.Create(report + ".gz"), CompressionLevel.SmallestSize);
                source.CopyTo(target);
            }, cancellationToken);

            File.Delete(report);
            logger.LogInformation("Compressed {Report}", report);
        }
    }
}
