using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Sinks.Download;
using Sinks.WebDataset;

namespace Delivery;

/// <summary>
/// Uploads each shard (and its <c>_stats.json</c>) as soon as the writer finishes it, in parallel with the crawl or
/// download that fills the next ones; <see cref="FinishAsync"/> then uploads the rest of the folder and the
/// manifest last. Shards are queued, never blocking the writer; a failed upload ends the delivery with its error.
/// Owns <see cref="S3Store"/> from here on.
/// </summary>
public sealed class ShardUploader : IShardObserver, IAsyncDisposable
{
    private readonly S3Store _store;
    private readonly FolderUploader _uploader;
    private readonly string? _folder;
    private readonly ILogger _logger;
    private readonly Channel<CompletedShard> _queue = Channel.CreateUnbounded<CompletedShard>(new UnboundedChannelOptions { SingleReader = false });
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _linked;
    private readonly Task[] _workers;

    /// <param name="folder">The shard folder to sweep at the end; null when only single files are delivered.</param>
    public ShardUploader(S3Store store, string? folder, ILogger logger, TimeProvider time, CancellationToken cancellationToken = default)
    {
        _store = store;
        _uploader = new FolderUploader(store, logger, time);
        _folder = folder is null ? null : Path.GetFullPath(folder);
        _logger = logger;
        _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        _workers = Enumerable.Range(0, store.Options.Concurrency).Select(_ => Task.Run(() => WorkAsync(_linked.Token), CancellationToken.None)).ToArray();
    }

    public S3Location Target => _store.Location;

    public int ShardsUploaded => _shardsUploaded;

    private int _shardsUploaded;

    /// <summary>Watches <paramref name="writer"/> when it writes shards (loose files are uploaded by <see cref="FinishAsync"/>).</summary>
    public void Watch(ISampleWriter writer)
    {
        if (writer is WebDatasetWriter shards)
            shards.Observe(this);
    }

    public ValueTask ShardCompletedAsync(CompletedShard shard, CancellationToken cancellationToken = default) =>
        _queue.Writer.WriteAsync(shard, cancellationToken);

    /// <summary>Waits for the queued shards, then uploads what else the folder holds, <paramref name="extraFiles"/> (such as the crawl's CSV) under their names, and the manifest last.</summary>
    public async Task<UploadSummary> FinishAsync(JsonElement? stats, IReadOnlyList<string> extraFiles, CancellationToken cancellationToken = default)
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_workers).ConfigureAwait(false);
        foreach (var file in extraFiles.Where(File.Exists))
            await _uploader.UploadFileAsync(file, Path.GetFileName(file), cancellationToken).ConfigureAwait(false);
        return await _uploader.UploadAsync(_folder, stats, delete: false, cancellationToken).ConfigureAwait(false);
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        await foreach (var shard in _queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var path in new[] { shard.ShardPath, shard.StatsPath })
                await _uploader.UploadFileAsync(path, Relative(path), cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _shardsUploaded);
            _logger.LogInformation("delivered {Shard} ({Samples} samples)", Relative(shard.ShardPath), shard.Samples);
        }
    }

    private string Relative(string path) => Path.GetRelativePath(_folder ?? Path.GetDirectoryName(path)!, Path.GetFullPath(path)).Replace('\\', '/');

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_workers).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or DeliveryException)
        {
        }
        _linked.Dispose();
        _stop.Dispose();
        _store.Dispose();
    }
}
