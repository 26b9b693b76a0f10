using System.Text.Json.Nodes;
using System.Threading.Channels;
using AudioCrawl.Core.Pipeline;
using AudioCrawl.Core.Spiders;

namespace AudioCrawl.Sinks.Download;

/// <summary>
/// The downloader as a sink of a live crawl: pairs accepted by the item pipeline are queued (a bounded queue,
/// so a slow download holds the crawl back rather than filling memory) and downloaded, converted and packed
/// while the crawl goes on. Closing waits for the queue to drain. Pairs queued but not packed when the
/// process is killed are in the CSV; <c>audiocrawl download pairs.csv</c> into the same folder finishes them.
/// </summary>
public sealed class DownloadSink(Func<DownloadRunner> createRunner, string output) : IPairSink
{
    private readonly Channel<AudioSource> _queue = Channel.CreateBounded<AudioSource>(new BoundedChannelOptions(256) { SingleWriter = true, SingleReader = true });
    private Task<DownloadSummary>? _run;
    private long _rows;

    public string Name => $"download {output}";

    /// <summary>The summary, once the sink is closed.</summary>
    public DownloadSummary? Summary { get; private set; }

    public DownloadRunner? Runner { get; private set; }

    public Task OpenAsync(CancellationToken cancellationToken = default)
    {
        Runner = createRunner();
        var runner = Runner;
        runner.CheckTools();
        _run = Task.Run(() => runner.RunAsync(_queue.Reader.ReadAllAsync()), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async ValueTask WriteAsync(AudioPair pair, CancellationToken cancellationToken = default)
    {
        if (_run is null)
            throw new InvalidOperationException("The download sink is not open.");
        if (_run.IsCompleted)
            await _run.ConfigureAwait(false); // surfaces the failure that stopped the downloader
        var row = Interlocked.Increment(ref _rows);
        var url = pair.Url.AbsoluteUri;
        var original = pair.OriginalData?.DeepClone() as JsonObject ?? [];
        var source = AudioSource.Of(row, url, pair.Text, original, url) with
        {
            Tags = pair.Tags,
            Spider = pair.Spider,
            Page = pair.Page?.AbsoluteUri,
        };
        try
        {
            await _queue.Writer.WriteAsync(source, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // Aborted: the pair is in the CSV; a later 'audiocrawl download' packs it.
        }
    }

    public ValueTask FlushAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_run is null)
            return;
        _queue.Writer.TryComplete();
        try
        {
            Summary = await _run.ConfigureAwait(false);
        }
        finally
        {
            _run = null;
        }
    }

    /// <summary>Stops at once: queued and in-flight rows are left for a later run.</summary>
    public void Abort()
    {
        _queue.Writer.TryComplete();
        Runner?.Abort();
    }
}
