using System.Diagnostics.Metrics;
using Crawler.Abstractions.Scheduling;
using Crawler.Abstractions.Spiders;
using Crawler.Abstractions.Stats;
using Crawler.Core.Hosting;

namespace Crawler.Core.Metrics;

/// <summary>
/// The crawl's figures as <see cref="System.Diagnostics.Metrics"/> instruments of the meter <see cref="MeterName"/>
/// (docs/metrics.md lists them). The counters are observed from <see cref="CrawlStats"/> when a listener collects,
/// and the latency histogram hears every latency the stats record: no second set of counts that could disagree.
/// Every measurement is tagged with the spider. The queue gauge reads the frontier's length, refreshed every second.
/// </summary>
public sealed class CrawlMetrics : ICrawlExtension, IAsyncDisposable
{
    public const string MeterName = "AudioCrawl";

    private readonly CrawlStats _stats;
    private readonly IFrontier _frontier;
    private readonly TimeProvider _time;
    private readonly Histogram<double> _latency;
    private readonly CancellationTokenSource _stop = new();
    private int _disposed;
    private volatile string _spiderName = "";
    private Task _queueLoop = Task.CompletedTask;
    private long _queued;

    /// <param name="scope">The meter's scope, for a listener that wants this host's meter only; an <see cref="IMetricsCollector"/> is also told before the meter closes.</param>
    public CrawlMetrics(CrawlStats stats, IFrontier frontier, TimeProvider time, object? scope = null)
    {
        _stats = stats;
        _frontier = frontier;
        _time = time;
        Meter = new Meter(new MeterOptions(MeterName) { Version = "1", Scope = scope });
        Meter.CreateObservableCounter("audiocrawl.requests", () => Tagged(stats.RequestsSent), "{request}", "Requests sent (each after its retries).");
        Meter.CreateObservableCounter("audiocrawl.responses", () => ByTag(stats.Responses, "status"), "{response}", "Responses, by status code.");
        Meter.CreateObservableCounter("audiocrawl.received", () => Tagged(stats.BytesReceived), "By", "Response body bytes received.");
        Meter.CreateObservableCounter("audiocrawl.items", () => Tagged(stats.Items), "{item}", "Pairs written: flushed by every sink.");
        Meter.CreateObservableCounter("audiocrawl.items.dropped", () => ByTag(stats.ItemsDropped, "reason"), "{item}", "Pairs dropped, by reason.");
        Meter.CreateObservableCounter("audiocrawl.requests.dropped", () => ByTag(stats.RequestsDropped, "reason"), "{request}", "Requests never sent, by reason.");
        Meter.CreateObservableCounter("audiocrawl.errors", () => ByTag(stats.Errors, "kind"), "{error}", "Failures, by kind.");
        Meter.CreateObservableGauge("audiocrawl.queue", () => Tagged(Interlocked.Read(ref _queued)), "{request}", "Requests waiting in the frontier.");
        Meter.CreateObservableCounter("audiocrawl.downloads", ObserveDownloads, "{sample}", "Audio samples downloaded and packed (status=succeeded) or failed for good (status=failed, with the reason).");
        Meter.CreateObservableCounter("audiocrawl.transcodes", () => Tagged(stats.Custom[MediaCounters.Transcoded]), "{file}", "Audio files converted by ffmpeg.");
        Meter.CreateObservableCounter("audiocrawl.shards", () => Tagged(stats.Custom[MediaCounters.Shards]), "{shard}", "WebDataset shards finished.");
        _latency = Meter.CreateHistogram("audiocrawl.fetch.duration", "s", "Response latency per host (one attempt, after the host slot was won).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = HostLatencies.BucketBounds });
        stats.Latency.Recorded += OnLatency;
    }

    public Meter Meter { get; }

    public void OnStarted(Spider spider)
    {
        _spiderName = spider.Name;
        _queueLoop = RefreshQueueAsync(_stop.Token);
    }

    public void OnFinished(Engine.CrawlResult result)
    {
        _stop.Cancel();
        Interlocked.Exchange(ref _queued, result.Stats.Queued);
    }

    public async ValueTask DisposeAsync()
    {
        // The container disposes an extension twice: as itself and as the ICrawlExtension it is registered as.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        _stats.Latency.Recorded -= OnLatency;
        await _stop.CancelAsync().ConfigureAwait(false);
        await _queueLoop.ConfigureAwait(false);
        (Meter.Scope as IMetricsCollector)?.CollectBeforeClose(Meter);
        Meter.Dispose();
        _stop.Dispose();
    }

    private KeyValuePair<string, object?> SpiderTag => new("spider", _spiderName);

    private void OnLatency(string host, TimeSpan latency) =>
        _latency.Record(latency.TotalSeconds, SpiderTag, new KeyValuePair<string, object?>("host", host));

    private Measurement<long>[] Tagged(long value) => [new(value, SpiderTag)];

    private IEnumerable<Measurement<long>> ByTag(CounterSet counters, string tag) =>
        counters.Snapshot().Select(p => new Measurement<long>(p.Value, SpiderTag, new KeyValuePair<string, object?>(tag, p.Key)));

    private IEnumerable<Measurement<long>> ObserveDownloads()
    {
        var counters = _stats.Custom.Snapshot();
        yield return new Measurement<long>(counters.GetValueOrDefault(MediaCounters.Downloaded), SpiderTag, new("status", "succeeded"), new("reason", ""));
        foreach (var (name, count) in counters.Where(p => p.Key.StartsWith(MediaCounters.FailedReasonPrefix, StringComparison.Ordinal)))
            yield return new Measurement<long>(count, SpiderTag, new("status", "failed"), new("reason", name[MediaCounters.FailedReasonPrefix.Length..]));
    }

    private async Task RefreshQueueAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                Interlocked.Exchange(ref _queued, await _frontier.CountAsync(cancellationToken).ConfigureAwait(false));
                await Task.Delay(TimeSpan.FromSeconds(1), _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
