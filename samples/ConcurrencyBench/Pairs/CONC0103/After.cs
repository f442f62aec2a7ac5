using System.Buffers.Binary;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ConcurrencyBench.Pairs.CONC0103.After;

/// <summary>A client that allows only a few calls to a downstream service at once.</summary>
public sealed class ThrottledClient
{
    /// <summary>How long one downstream call takes.</summary>
    public const int CallDelayMs = 10;

    /// <summary>How many calls may run at once.</summary>
    public const int Slots = 4;

    private readonly SemaphoreSlim _slots = new SemaphoreSlim(Slots);

    public async Task<int> CallAsync(int item, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            await Task.Delay(CallDelayMs, cancellationToken);
            return item;
        }
        finally
        {
            _slots.Release();
        }
    }
}

/// <summary>A client of a line-less binary protocol: it sends a 4-byte request and reads a 4-byte answer.</summary>
public static class SocketClient
{
    public static async Task<int> QueryAsync(Stream connection, int request, CancellationToken cancellationToken)
    {
        var buffer = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(buffer, request);
        await connection.WriteAsync(buffer, 0, buffer.Length, cancellationToken);
        var received = 0;
        while (received < buffer.Length)
        {
            var read = await connection.ReadAsync(buffer, received, buffer.Length - received, cancellationToken);
            if (read == 0)
            {
                throw new EndOfStreamException();
            }

            received += read;
        }

        return BinaryPrimitives.ReadInt32LittleEndian(buffer);
    }
}

/// <summary>Serves a document from disk: reads it, then writes it to the response stream.</summary>
public static class DocumentServer
{
    public static async Task<int> ServeAsync(string path, Stream response, CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(path, cancellationToken);
        var bytes = Encoding.UTF8.GetBytes(text);
        await response.WriteAsync(bytes, 0, bytes.Length, cancellationToken);
        return bytes.Length;
    }
}
