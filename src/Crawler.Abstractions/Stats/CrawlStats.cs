namespace Crawler.Abstractions.Stats;

/// <summary>A crawl's counters: read live by the progress view, written as JSON at the end.</summary>
public sealed class CrawlStats(TimeProvider time)
{
    private readonly long _startedAt = time.GetTimestamp();
    private long _requestsSent;
    private long _items;
    private long _bytes;
    private long _finishedAt;

    public DateTimeOffset StartedAtUtc { get; } = time.GetUtcNow();

    public long RequestsSent => Interlocked.Read(ref _requestsSent);

    public long Items => Interlocked.Read(ref _items);

    public long BytesReceived => Interlocked.Read(ref _bytes);

    /// <summary>Responses by status code.</summary>
    public CounterSet Responses { get; } = new();

    /// <summary>Requests never sent, by reason (duplicate, offsite, max_depth, ...).</summary>
    public CounterSet RequestsDropped { get; } = new();

    /// <summary>Pairs not kept, by reason (empty_text, invalid_url, duplicate, ...).</summary>
    public CounterSet ItemsDropped { get; } = new();

    /// <summary>Failures, by kind (timeout, connection, spider_exception, ...).</summary>
    public CounterSet Errors { get; } = new();

    /// <summary>What spiders and sinks count for themselves ("cambridge/no_audio").</summary>
    public CounterSet Custom { get; } = new();

    /// <summary>Pairs accepted, by the spider callback that yielded them.</summary>
    public CounterSet PairsByCallback { get; } = new();

    /// <summary>Each host's response latency (one attempt, after its host slot was won).</summary>
    public HostLatencies Latency { get; } = new();

    public TimeSpan Elapsed => Interlocked.Read(ref _finishedAt) is var end and > 0
        ? time.GetElapsedTime(_startedAt, end)
        : time.GetElapsedTime(_startedAt);

    public void RequestSent() => Interlocked.Increment(ref _requestsSent);

    public void ResponseReceived(int status, long bytes)
    {
        Responses.Increment(status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Interlocked.Add(ref _bytes, bytes);
    }

    /// <summary>Pairs every sink flushed (the item pipeline counts them once they are on disk).</summary>
    public void ItemsWritten(long count) => Interlocked.Add(ref _items, count);

    public void Finish() => Interlocked.CompareExchange(ref _finishedAt, time.GetTimestamp(), 0);

    public CrawlStatsSnapshot Snapshot(string? finishReason = null, long queued = 0)
    {
        var elapsed = Elapsed;
        var responses = Responses.Total;
        return new CrawlStatsSnapshot(
            StartedAtUtc,
            Math.Round(elapsed.TotalSeconds, 3),
            RequestsSent,
            responses,
            Responses.Snapshot(),
            Items,
            ItemsDropped.Snapshot(),
            RequestsDropped.Snapshot(),
            Errors.Snapshot(),
            Custom.Snapshot(),
            BytesReceived,
            elapsed.TotalSeconds > 0 ? Math.Round(responses / elapsed.TotalSeconds, 2) : 0,
            queued,
            finishReason,
            Latency.Snapshot().ToDictionary(p => p.Key, p => LatencySummary.Of(p.Value), StringComparer.OrdinalIgnoreCase),
            PairsByCallback.Snapshot());
    }
}
