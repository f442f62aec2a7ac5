using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace ConcurrencyBench.Pairs.CONC0201.Before;

/// <summary>
/// Fingerprints a batch of documents: each call mixes its seed through a few million rounds of a hash, then stores the
/// fingerprint (a 1 ms await). The mixing loop runs before the method's first await, so it runs on the caller's
/// thread: the Task.WhenAll fan-out in FingerprintAllAsync mixes the documents one after another, and a caller on a UI
/// thread freezes until the last one is done.
/// </summary>
public static class Fingerprinter
{
    /// <summary>Hash rounds per document: a few milliseconds of one core.</summary>
    public const int Rounds = 2_000_000;

    public static async Task<long> FingerprintAsync(long seed, CancellationToken cancellationToken)
    {
        var hash = seed;
        for (var round = 0; round < Rounds; round++)
        {
            hash ^= hash >> 31;
            hash *= 0x7fb5d329728ea185;
            hash ^= round;
        }

        await Task.Delay(1, cancellationToken);
        return hash;
    }

    public static async Task<long[]> FingerprintAllAsync(long[] seeds, CancellationToken cancellationToken) =>
        await Task.WhenAll(seeds.Select(seed => FingerprintAsync(seed, cancellationToken)));
}
