using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;

namespace ConcurrencyBench.Harness;

/// <summary>CPU time and context switches of this process at one moment; NaN where the system does not tell.</summary>
public readonly record struct UsageSnapshot(double CpuMs, double VoluntarySwitches, double InvoluntarySwitches);

/// <summary>
/// What a run costs the machine besides wall time: CPU time of every thread, context switches and peak resident
/// memory. Context switches come from getrusage(RUSAGE_SELF) on 64-bit Linux, which counts threads that have already
/// exited too (a thread per item is gone by the time the run ends, and /proc/self/task lists only live threads); if
/// that call is unavailable, the sum over /proc/self/task/*/status of the live threads; elsewhere NaN.
/// </summary>
public static class ProcessUsage
{
    private const int RusageSelf = 0;

    public static UsageSnapshot Take()
    {
        using var process = Process.GetCurrentProcess();
        var cpuMs = process.TotalProcessorTime.TotalMilliseconds;
        var (voluntary, involuntary) = Switches();
        return new UsageSnapshot(cpuMs, voluntary, involuntary);
    }

    /// <summary>Starts a new peak-memory window (Linux: writing 5 to /proc/self/clear_refs resets VmHWM); false where it cannot.</summary>
    public static bool ResetPeakMemory()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Peak resident memory in MB: VmHWM on Linux (since the last reset), the peak working set elsewhere.</summary>
    public static double PeakMemoryMb()
    {
        if (OperatingSystem.IsLinux() && StatusValue(File.ReadAllLines("/proc/self/status"), "VmHWM:") is { } kilobytes)
        {
            return kilobytes / 1024.0;
        }

        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 > 0 ? process.PeakWorkingSet64 / (1024.0 * 1024.0) : double.NaN;
    }

    private static (double Voluntary, double Involuntary) Switches()
    {
        if (!OperatingSystem.IsLinux())
        {
            return (double.NaN, double.NaN);
        }

        if (Environment.Is64BitProcess)
        {
            try
            {
                if (getrusage(RusageSelf, out var usage) == 0)
                {
                    return (usage.NVcsw, usage.NIvcsw);
                }
            }
            catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
            {
                // Fall back to the live threads below.
            }
        }

        try
        {
            double voluntary = 0, involuntary = 0;
            foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
            {
                var lines = File.ReadAllLines(Path.Combine(task, "status"));
                voluntary += StatusValue(lines, "voluntary_ctxt_switches:") ?? 0;
                involuntary += StatusValue(lines, "nonvoluntary_ctxt_switches:") ?? 0;
            }

            return (voluntary, involuntary);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return (double.NaN, double.NaN);
        }
    }

    private static long? StatusValue(string[] lines, string key)
    {
        foreach (var line in lines)
        {
            if (line.StartsWith(key, StringComparison.Ordinal))
            {
                var value = line.Substring(key.Length).Trim().Split(' ')[0];
                return long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
            }
        }

        return null;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UtimeSec, UtimeUsec, StimeSec, StimeUsec;
        public long MaxRss, IxRss, IdRss, IsRss, MinFlt, MajFlt, NSwap, InBlock, OuBlock, MsgSnd, MsgRcv, NSignals;
        public long NVcsw, NIvcsw;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int getrusage(int who, out RUsage usage);
}
