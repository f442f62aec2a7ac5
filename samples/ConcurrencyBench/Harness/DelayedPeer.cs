using System;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace ConcurrencyBench.Harness;

/// <summary>
/// A loopback TCP peer in the parent process that plays a remote service: for every 4-byte request it waits
/// <see cref="DelayMs"/>, then answers <see cref="Answer"/>. It listens on 127.0.0.1 only.
/// </summary>
public sealed class DelayedPeer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Task, bool> _connections = new();
    private readonly Task _acceptLoop;

    public DelayedPeer(int delayMs)
    {
        DelayMs = delayMs;
        _listener.Start(1024);
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptAsync();
    }

    public int DelayMs { get; }

    public int Port { get; }

    public static int Answer(int request) => (request * 2) + 1;

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            await _acceptLoop;
            await Task.WhenAll(_connections.Keys);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
            // Stopping.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            socket.NoDelay = true;
            var serve = ServeAsync(socket);
            _connections.TryAdd(serve, true);
            _ = serve.ContinueWith(t => _connections.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        var buffer = new byte[4];
        try
        {
            while (true)
            {
                await stream.ReadExactlyAsync(buffer, _stop.Token);
                await Task.Delay(DelayMs, _stop.Token);
                BinaryPrimitives.WriteInt32LittleEndian(buffer, Answer(BinaryPrimitives.ReadInt32LittleEndian(buffer)));
                await stream.WriteAsync(buffer, _stop.Token);
            }
        }
        catch (Exception e) when (e is EndOfStreamException or OperationCanceledException or IOException or SocketException)
        {
            // The client closed the connection, or the peer is stopping.
        }
    }
}
