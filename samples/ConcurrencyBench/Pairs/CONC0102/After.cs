using System.Threading;
using System.Threading.Tasks;

namespace ConcurrencyBench.Pairs.CONC0102.After;

/// <summary>
/// A client that calls a flaky downstream service and, when an attempt fails, pauses before it retries.
/// The first attempt for every item fails, so every call pauses once.
/// </summary>
public static class RetryingClient
{
    /// <summary>How long one downstream attempt takes.</summary>
    public const int CallDelayMs = 10;

    /// <summary>The pause between two attempts.</summary>
    public const int BackoffMs = 50;

    public static async Task<int> FetchAsync(int item, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var value = await CallAsync(item, attempt, cancellationToken);
            if (value >= 0)
            {
                return value;
            }

            await Task.Delay(BackoffMs, cancellationToken);
        }
    }

    private static async Task<int> CallAsync(int item, int attempt, CancellationToken cancellationToken)
    {
        await Task.Delay(CallDelayMs, cancellationToken);
        return attempt == 1 ? -1 : item;
    }
}
