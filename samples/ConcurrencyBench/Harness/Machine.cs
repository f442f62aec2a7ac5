using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace ConcurrencyBench.Harness;

/// <summary>The machine a run measured: results only mean something next to it.</summary>
public sealed class Machine
{
    public int Cores { get; init; }

    public string Os { get; init; } = "";

    public string Kernel { get; init; } = "";

    public string Architecture { get; init; } = "";

    public string Cpu { get; init; } = "";

    public string Runtime { get; init; } = "";

    public string Date { get; init; } = "";

    public static Machine Read() => new()
    {
        Cores = Environment.ProcessorCount,
        Os = OsName(),
        Kernel = KernelRelease(),
        Architecture = RuntimeInformation.OSArchitecture.ToString(),
        Cpu = CpuName(),
        Runtime = RuntimeInformation.FrameworkDescription,
        Date = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture),
    };

    public override string ToString() =>
        $"{Cores} cores ({Cpu}), {Os}, {Runtime}, {Date}";

    private static string OsName()
    {
        const string osRelease = "/etc/os-release";
        if (File.Exists(osRelease))
        {
            var pretty = File.ReadLines(osRelease).FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal));
            if (pretty is not null)
            {
                return pretty["PRETTY_NAME=".Length..].Trim('"') + " " + RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
            }
        }

        return RuntimeInformation.OSDescription + " " + RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
    }

    private static string KernelRelease()
    {
        const string release = "/proc/sys/kernel/osrelease";
        return File.Exists(release) ? "Linux " + File.ReadAllText(release).Trim() : RuntimeInformation.OSDescription;
    }

    private static string CpuName()
    {
        const string cpuInfo = "/proc/cpuinfo";
        if (File.Exists(cpuInfo))
        {
            var model = File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            if (model is not null && model.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0)
            {
                return model[(colon + 1)..].Trim();
            }
        }

        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}
