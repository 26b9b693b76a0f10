using System.Threading.Channels;
using Crawler.Abstractions;
using Crawler.Abstractions.Pipeline;
using Crawler.Abstractions.Spiders;
using Crawler.Abstractions.Stats;
using Microsoft.Extensions.Logging;

namespace Crawler.Core.Pipeline;

/// <summary>
/// Validation, de-duplication and fan-out of pairs to every sink. Spider tasks submit; one consumer writes each
/// batch to all sinks and flushes them, through a bounded channel that gives back-pressure. The stats count a
/// pair as an item once every sink flushed it, so after a failed write (a full disk) they count what is on disk.
/// Every sink is required: when one fails, <see cref="Failed"/> is cancelled and the crawl stops taking work.
/// </summary>
public sealed class ItemPipeline : IAsyncDisposable
{
    private readonly IReadOnlyList<IPairSink> _sinks;
    private readonly CrawlStats _stats;
    private readonly IPairKeyStore _keys;
    private readonly long _maxItems;
    private readonly ILogger _logger;
    private readonly Channel<AudioPair> _channel = Channel.CreateBounded<AudioPair>(new BoundedChannelOptions(1024) { SingleReader = true });
    private readonly List<IPairSink> _opened = [];
    private Task? _consumer;
    private long _accepted;
    private long _queued;
    private long _flushed;
    private TaskCompletionSource _flushSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _closed;
    private readonly CancellationTokenSource _failed = new();

    public ItemPipeline(IReadOnlyList<IPairSink> sinks, CrawlStats stats, IPairKeyStore keys, long maxItems, ILogger logger)
    {
        _sinks = sinks;
        _stats = stats;
        _keys = keys;
        _maxItems = maxItems;
        _logger = logger;
    }

    /// <summary>Set when a sink failed; the crawl stops and reports it.</summary>
    public SinkFailedException? Failure { get; private set; }

    /// <summary>Cancelled when a sink failed (see <see cref="Failure"/>): the crawl stops fetching for nothing.</summary>
    public CancellationToken Failed => _failed.Token;

    public async Task OpenAsync(CancellationToken cancellationToken = default)
    {
        foreach (var sink in _sinks)
        {
            try
            {
                await sink.OpenAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not CrawlerException)
            {
                throw new SinkFailedException(sink.Name, "open", ex);
            }
            _opened.Add(sink);
        }
        _consumer = Task.Run(ConsumeAsync, CancellationToken.None);
    }

    public async ValueTask<SubmitResult> SubmitAsync(AudioPair pair, CancellationToken cancellationToken = default)
    {
        var normalized = PairNormalizer.Normalize(pair, out var reason);
        if (normalized is null)
        {
            _stats.ItemsDropped.Increment(reason!);
            return SubmitResult.Dropped;
        }
        if (_maxItems > 0 && Interlocked.Read(ref _accepted) >= _maxItems)
        {
            _stats.ItemsDropped.Increment(ItemDropReasons.MaxItems);
            return SubmitResult.LimitReached;
        }
        if (!await _keys.TryAddAsync(PairKey.Of(normalized), cancellationToken).ConfigureAwait(false))
        {
            _stats.ItemsDropped.Increment(ItemDropReasons.Duplicate);
            return SubmitResult.Dropped;
        }
        if (_maxItems > 0 && Interlocked.Increment(ref _accepted) > _maxItems)
        {
            _stats.ItemsDropped.Increment(ItemDropReasons.MaxItems);
            return SubmitResult.LimitReached;
        }
        try
        {
            await _channel.Writer.WriteAsync(normalized, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException) when (Failure is not null)
        {
            throw Failure;
        }
        Interlocked.Increment(ref _queued);
        return _maxItems > 0 && Interlocked.Read(ref _accepted) >= _maxItems ? SubmitResult.LimitReached : SubmitResult.Accepted;
    }

    /// <summary>
    /// Returns once every pair accepted so far has been written and flushed by every sink. The engine waits for it
    /// before it marks a request done, so a killed crawl never has a request done whose pairs were not yet written.
    /// </summary>
    public async Task WaitForFlushAsync(CancellationToken cancellationToken = default)
    {
        var target = Interlocked.Read(ref _queued);
        while (Interlocked.Read(ref _flushed) < target)
        {
            if (Failure is { } failure)
                throw failure;
            var signal = Volatile.Read(ref _flushSignal);
            if (Interlocked.Read(ref _flushed) >= target)
                break;
            await signal.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes what is queued, flushes and closes every sink. Safe to call more than once.</summary>
    public async Task CloseAsync()
    {
        if (_closed)
            return;
        _closed = true;
        _channel.Writer.TryComplete();
        if (_consumer is not null)
            await _consumer.ConfigureAwait(false);
        for (var i = _opened.Count - 1; i >= 0; i--)
        {
            try
            {
                await _opened[i].DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Failure ??= new SinkFailedException(_opened[i].Name, "close", ex);
                _logger.LogError("{Sink}: could not close: {Message}", _opened[i].Name, ex.Message);
            }
        }
    }

    public async ValueTask DisposeAsync() => await CloseAsync().ConfigureAwait(false);

    private async Task ConsumeAsync()
    {
        var reader = _channel.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                var batch = 0;
                while (reader.TryRead(out var pair))
                {
                    foreach (var sink in _opened)
                        await Guard(sink, "write", () => sink.WriteAsync(pair)).ConfigureAwait(false);
                    batch++;
                }
                foreach (var sink in _opened)
                    await Guard(sink, "flush", () => sink.FlushAsync()).ConfigureAwait(false);
                Interlocked.Add(ref _flushed, batch);
                _stats.ItemsWritten(batch);
                Interlocked.Exchange(ref _flushSignal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            }
        }
        catch (SinkFailedException ex)
        {
            Failure = ex;
            _logger.LogError("{Message}", ex.Message);
            _channel.Writer.TryComplete(ex);
            _flushSignal.TrySetResult();
            await _failed.CancelAsync().ConfigureAwait(false);
        }
    }

    private static async ValueTask Guard(IPairSink sink, string action, Func<ValueTask> step)
    {
        try
        {
            await step().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not SinkFailedException)
        {
            throw new SinkFailedException(sink.Name, action, ex);
        }
    }
}
