using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace ConcurrencyBench.Harness;

/// <summary>
/// Every run executes in a fresh child process of the bench, so each side starts with a cold thread pool (the pool a
/// process gets at start-up: as many threads as cores). Running both sides in one process would hand the second one
/// the threads the first one made the pool grow.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    /// <summary>First argument that makes the bench run one side of one scenario.</summary>
    public const string Flag = "--child";

    /// <summary>Prefix of the lines a child writes for its parent.</summary>
    public const string LinePrefix = "BENCH ";

    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _stderr = new();

    private ChildProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _lines.Writer.TryComplete();
            }
            else if (e.Data.StartsWith(LinePrefix, StringComparison.Ordinal))
            {
                _lines.Writer.TryWrite(e.Data[LinePrefix.Length..]);
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_stderr)
                {
                    _stderr.AppendLine(e.Data);
                }
            }
        };
    }

    public static ChildProcess Start(string scenarioKey, Side side, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // Run the same program the same way: through its apphost, or through 'dotnet bench.dll'.
        var processPath = Environment.ProcessPath ?? "dotnet";
        info.FileName = processPath;
        if (System.IO.Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            info.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        }

        info.ArgumentList.Add(Flag);
        info.ArgumentList.Add(scenarioKey);
        info.ArgumentList.Add(side == Side.Before ? "before" : "after");
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        var child = new ChildProcess(process);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for the child's next line that starts with <paramref name="tag"/> and returns the rest of it.</summary>
    public async Task<string> ExpectAsync(string tag, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (await _lines.Reader.WaitToReadAsync(cts.Token))
            {
                while (_lines.Reader.TryRead(out var line))
                {
                    if (line.StartsWith(tag + " ", StringComparison.Ordinal))
                    {
                        return line[(tag.Length + 1)..];
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new InvalidOperationException($"the child process sent no '{tag}' line within {timeout.TotalSeconds:0} s.{StderrTail()}");
        }

        throw new InvalidOperationException($"the child process ended (exit code {ExitCode()}) before sending '{tag}'.{StderrTail()}");
    }

    public async Task<TrialResult> ReadResultAsync(TimeSpan timeout)
    {
        var json = await ExpectAsync("RESULT", timeout);
        return JsonSerializer.Deserialize<TrialResult>(json, Json.Options)
            ?? throw new InvalidOperationException("the child process sent an empty result.");
    }

    public async Task SendAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.Close();
                if (!_process.WaitForExit(2000))
                {
                    _process.Kill();
                    _process.WaitForExit(5000);
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private string ExitCode() => _process.HasExited ? _process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "?";

    private string StderrTail()
    {
        lock (_stderr)
        {
            var text = _stderr.ToString().Trim();
            return text.Length == 0 ? "" : Environment.NewLine + "  child stderr: " + (text.Length > 2000 ? text[^2000..] : text);
        }
    }
}

/// <summary>What a child writes for its parent, one line each.</summary>
public static class ChildOutput
{
    public static void Send(string tag, string payload)
    {
        Console.Out.WriteLine(ChildProcess.LinePrefix + tag + " " + payload);
        Console.Out.Flush();
    }

    public static void SendResult(TrialResult result) => Send("RESULT", JsonSerializer.Serialize(result, Json.Options));

    /// <summary>
    /// Ends the child if it is still alive after <paramref name="limit"/>: every run stops by itself, even when the
    /// code under test never finishes. Runs on a dedicated thread, not on the pool it may be starving.
    /// </summary>
    public static void StartWatchdog(TimeSpan limit)
    {
        var thread = new Thread(() =>
        {
            Thread.Sleep(limit);
            Console.Error.WriteLine($"child: watchdog ended the run after {limit.TotalSeconds:0} s");
            Environment.Exit(3);
        })
        { IsBackground = true, Name = "watchdog" };
        thread.Start();
    }
}

public static class Json
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = false,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public static readonly JsonSerializerOptions Indented = new(Options) { WriteIndented = true };
}
