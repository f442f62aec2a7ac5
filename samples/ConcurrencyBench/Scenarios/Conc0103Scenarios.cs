using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ConcurrencyBench.Harness;
using Before = ConcurrencyBench.Pairs.CONC0103.Before;
using After = ConcurrencyBench.Pairs.CONC0103.After;

namespace ConcurrencyBench.Scenarios;

/// <summary>CONC0103: SemaphoreSlim.Wait in async code, with more requests than slots.</summary>
public sealed class SemaphoreScenario : FanOutScenario
{
    public SemaphoreScenario()
        : base("CONC0103", "semaphore")
    {
    }

    public override int Requests => 200;

    /// <summary>The blocking side stalls for far longer than any cap worth waiting for; 4 s shows the stall.</summary>
    public override int CapMs => 4_000;

    public override string Title => $"{Requests} requests share {Before.ThrottledClient.Slots} slots (SemaphoreSlim)";

    public override string Description =>
        $"{Requests} concurrent requests on a cold thread pool go through a {Before.ThrottledClient.Slots}-slot SemaphoreSlim "
        + $"around a {Before.ThrottledClient.CallDelayMs} ms downstream call (ThrottledClient.CallAsync).";

    public override string Change => "_slots.Wait(cancellationToken) → await _slots.WaitAsync(cancellationToken)";

    protected override double? LimitMs =>
        Math.Ceiling(Requests / (double)Before.ThrottledClient.Slots) * Before.ThrottledClient.CallDelayMs;

    protected override string? LimitNote => "requests ÷ slots × call time";

    protected override FanOutWork CreateWork(Side side, IReadOnlyList<string> args)
    {
        if (side == Side.Before)
        {
            var client = new Before.ThrottledClient();
            return new FanOutWork(i => client.CallAsync(i, CancellationToken.None).AsLong(), i => i);
        }
        else
        {
            var client = new After.ThrottledClient();
            return new FanOutWork(i => client.CallAsync(i, CancellationToken.None).AsLong(), i => i);
        }
    }
}

/// <summary>CONC0103: Stream.Read on a socket whose peer answers after a delay.</summary>
public sealed class SocketReadScenario : FanOutScenario
{
    private const int PeerDelayMs = 20;
    private DelayedPeer? _peer;

    public SocketReadScenario()
        : base("CONC0103", "socket-read")
    {
    }

    public override int Requests => 100;

    public override string Title => $"{Requests} requests read a loopback socket (peer answers in {PeerDelayMs} ms)";

    public override string Description =>
        $"{Requests} concurrent requests on a cold thread pool, each on its own connection to a loopback TCP peer (in the parent "
        + $"process, like a remote service) that answers a 4-byte query after {PeerDelayMs} ms (SocketClient.QueryAsync).";

    public override string Change => "connection.Read(buffer, …) → await connection.ReadAsync(buffer, …, cancellationToken)";

    protected override double? LimitMs => PeerDelayMs;

    protected override string? LimitNote => "one round trip to the peer";

    protected override IEnumerable<string> ChildArguments =>
        new[] { (_peer ?? throw new InvalidOperationException("the peer is not started")).Port.ToString(CultureInfo.InvariantCulture) };

    public override Task<IAsyncDisposable?> PrepareAsync()
    {
        _peer = new DelayedPeer(PeerDelayMs);
        return Task.FromResult<IAsyncDisposable?>(_peer);
    }

    protected override FanOutWork CreateWork(Side side, IReadOnlyList<string> args)
    {
        var port = IntArg(args, 0, "port");

        // One connection per request plus one for the warm-up, opened before the measured phase.
        var streams = new NetworkStream[Requests + 1];
        for (var i = 0; i < streams.Length; i++)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
            streams[i] = new NetworkStream(socket, ownsSocket: true);
        }

        void Close()
        {
            foreach (var stream in streams)
            {
                stream.Dispose();
            }
        }

        return side == Side.Before
            ? new FanOutWork(i => Before.SocketClient.QueryAsync(streams[i], i, CancellationToken.None).AsLong(), i => DelayedPeer.Answer(i), Close)
            : new FanOutWork(i => After.SocketClient.QueryAsync(streams[i], i, CancellationToken.None).AsLong(), i => DelayedPeer.Answer(i), Close);
    }
}

/// <summary>CONC0103: File.ReadAllText in async code — measured to show where the fix is neutral.</summary>
public sealed class FileReadScenario : FanOutScenario
{
    private const int FileBytes = 1 << 20;
    private string? _directory;
    private string? _path;

    public FileReadScenario()
        : base("CONC0103", "file-read")
    {
    }

    public override int Requests => 128;

    public override string Title => $"{Requests} requests serve a 1 MB file (page cache)";

    public override string Description =>
        $"{Requests} concurrent requests on a cold thread pool each read a 1 MB text file that sits in the page cache and write it "
        + "to a null stream (DocumentServer.ServeAsync). Local file reads do not wait on a remote party, so this fix is expected to be neutral here.";

    public override string Change => "File.ReadAllText(path) → await File.ReadAllTextAsync(path, cancellationToken)";

    public override string? Expectation => "neutral: a local, cached file read barely blocks";

    protected override double? LimitMs => null;

    protected override string? LimitNote => null;

    protected override IEnumerable<string> ChildArguments => new[] { _path ?? throw new InvalidOperationException("the file is not written") };

    public override Task<IAsyncDisposable?> PrepareAsync()
    {
        _directory = Path.Combine(Path.GetTempPath(), "concurrencybench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(_directory);
        _path = Path.Combine(_directory, "document.txt");
        var line = "The quick brown fox jumps over the lazy dog; pack my box with five dozen liquor jugs.\n";
        var text = new StringBuilder(FileBytes + line.Length);
        while (text.Length < FileBytes)
        {
            text.Append(line);
        }

        text.Length = FileBytes;
        File.WriteAllText(_path, text.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return Task.FromResult<IAsyncDisposable?>(new DeleteOnDispose(_directory));
    }

    protected override FanOutWork CreateWork(Side side, IReadOnlyList<string> args)
    {
        var path = Arg(args, 0, "path");
        return side == Side.Before
            ? new FanOutWork(i => Before.DocumentServer.ServeAsync(path, Stream.Null, CancellationToken.None).AsLong(), _ => FileBytes)
            : new FanOutWork(i => After.DocumentServer.ServeAsync(path, Stream.Null, CancellationToken.None).AsLong(), _ => FileBytes);
    }

    private sealed class DeleteOnDispose(string directory) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            Directory.Delete(directory, recursive: true);
            return ValueTask.CompletedTask;
        }
    }
}
