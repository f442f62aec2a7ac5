using System;
using System.Threading;
using System.Threading.Tasks;

namespace ConcurrencyBench.Pairs.CONC0201.ParallelFor.Before;

/// <summary>
/// Converts a block of sensor samples to calibrated values: every element is computed from its own input alone, so
/// the iterations are independent. Run inline in async code it holds the caller's thread for the whole loop, on one core.
/// </summary>
public static class Calibration
{
    /// <summary>Samples per block.</summary>
    public const int BlockSize = 8_000_000;

    public static async Task CalibrateAsync(double[] samples, double[] calibrated, CancellationToken cancellationToken)
    {
        await Task.Yield();
        for (var i = 0; i < BlockSize; i++)
        {
            var x = samples[i];
            calibrated[i] = (Math.Sqrt(Math.Abs(x)) * Math.Cos(x * 0.001)) + Math.Log(1.0 + (x * x));
        }
    }
}
