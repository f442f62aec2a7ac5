using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace OrderService.Infrastructure;

/// <summary>
/// Append-only audit log. Callers enqueue entries; a single background writer appends them to one file per day, so
/// requests never contend for the file.
/// </summary>
public sealed class AuditTrail : BackgroundService
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    private readonly Channel<string> _entries = Channel.CreateBounded<string>(
        new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly string _directory;
    private readonly TimeProvider _time;

    public AuditTrail(IOptions<StorageOptions> storage, IHostEnvironment environment, TimeProvider time)
    {
        _directory = storage.Value.Resolve(environment, "audit");
        _time = time;
    }

    public ValueTask RecordAsync(string message, CancellationToken cancellationToken) =>
        _entries.Writer.WriteAsync($"{_time.GetUtcNow():O} {message}", cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not stoppingToken: on shutdown StopAsync completes the channel, and the loop ends once the queue is empty.
        await foreach (var entry in _entries.Reader.ReadAllAsync(CancellationToken.None))
        {
            var path = PathFor(DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime));
            File.AppendAllText(path, entry + Environment.NewLine);
        }
    }

    /// <summary>The entries recorded on <paramref name="day"/> (UTC), oldest first, for the support desk.</summary>
    public IReadOnlyList<string> ReadEntries(DateOnly day)
    {
        var path = PathFor(day);
        return File.Exists(path) ? ReadLines(path) : [];
    }

    private static string[] ReadLines(string path)
    {
        // The writer may be appending right now: share the file with it rather than fail.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
    }

    private string PathFor(DateOnly day) => Path.Combine(_directory, $"audit-{day:yyyy-MM-dd}.log");

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _entries.Writer.TryComplete();

        // Give the writer a few seconds to flush what is still queued before the host cancels it.
        ExecuteTask?.Wait(DrainTimeout);

        await base.StopAsync(cancellationToken);
    }
}
