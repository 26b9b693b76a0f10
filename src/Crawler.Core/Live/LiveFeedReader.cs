using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Crawler.Core.Live;

/// <summary>The watching end of a <see cref="LiveFeed"/>: connects to a job directory's live.sock and reads its JSON lines.</summary>
public static class LiveFeedReader
{
    /// <summary>Whether a crawl publishes a live feed in <paramref name="jobDirectory"/> right now (its socket answers).</summary>
    public static async Task<bool> IsLiveAsync(string jobDirectory, CancellationToken cancellationToken = default)
    {
        using var socket = await TryConnectAsync(jobDirectory, cancellationToken).ConfigureAwait(false);
        return socket is not null;
    }

    /// <summary>
    /// The snapshots a crawl sends, one JSON line each, until it ends (its last line has its outcome) or
    /// <paramref name="cancellationToken"/> is cancelled. Nothing when no crawl publishes there.
    /// </summary>
    public static async IAsyncEnumerable<string> ReadLinesAsync(string jobDirectory, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var socket = await TryConnectAsync(jobDirectory, cancellationToken).ConfigureAwait(false);
        if (socket is null)
            yield break;
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        while (true)
        {
            string? line;
            try
            {
                line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (IOException)
            {
                yield break; // the crawl's process died
            }
            if (line is null)
                yield break;
            yield return line;
        }
    }

    /// <summary>The snapshot a running crawl sends as a reader connects (within <paramref name="timeout"/>, 3 s unless given), or null when none runs there.</summary>
    public static async Task<LiveSnapshot?> FirstSnapshotAsync(string jobDirectory, CancellationToken cancellationToken = default, TimeSpan? timeout = null)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout ?? TimeSpan.FromSeconds(3));
        try
        {
            await foreach (var line in ReadLinesAsync(jobDirectory, limit.Token).ConfigureAwait(false))
                return JsonSerializer.Deserialize<LiveSnapshot>(line, LiveJson.Options);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // a crawl too busy to answer in time, or ending: shown as not running this time
        }
        catch (JsonException)
        {
        }
        return null;
    }

    private static async Task<Socket?> TryConnectAsync(string jobDirectory, CancellationToken cancellationToken)
    {
        var path = LiveFeedPaths.Socket(jobDirectory);
        if (!File.Exists(path))
            return null;
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch (SocketException)
        {
            socket.Dispose(); // a socket file left by a crawl that was killed
            return null;
        }
    }
}
