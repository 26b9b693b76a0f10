using Crawler.Abstractions.Spiders;
using Crawler.Abstractions.Stats;
using Crawler.Core.Engine;
using Crawler.Core.Hosting;
using Microsoft.Extensions.Logging;

namespace Crawler.Redis;

/// <summary>
/// A crawl extension of every Redis worker (<see cref="CrawlHostBuilderRedisExtensions.AddRedis"/>): publishes this
/// worker's counters to the crawl's stats board every <see cref="RedisCrawlOptions.StatsInterval"/> while it crawls,
/// and its final counters and finish reason when it ends (one attempt: a worker on its way out does not wait out
/// an outage), for <c>audiocrawl status</c>. The final publish completes before the host is disposed.
/// </summary>
public sealed class RedisStatsPublisher(RedisStatsBoard board, RedisCrawlOptions options, CrawlStats stats, ILogger<RedisStatsPublisher> logger)
    : ICrawlExtension, IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _periodic = Task.CompletedTask;
    private Task _final = Task.CompletedTask;
    private int _disposed;

    public void OnStarted(Spider spider) =>
        _periodic = board.RunPublisherAsync(options.WorkerId, () => stats.Snapshot(), options.StatsInterval, _stop.Token);

    public void OnFinished(CrawlResult result)
    {
        _stop.Cancel();
        _final = PublishFinalAsync(result);
    }

    private async Task PublishFinalAsync(CrawlResult result)
    {
        await _periodic.ConfigureAwait(false);
        if (!await board.TryPublishAsync(options.WorkerId, result.FinishReason, result.Stats).ConfigureAwait(false))
            logger.LogWarning("Could not publish this worker's final counters to Redis; 'audiocrawl status' shows its last periodic ones.");
    }

    /// <summary>Waits for the final publish. Idempotent: the container disposes an extension once per registration.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        await _stop.CancelAsync().ConfigureAwait(false);
        await _periodic.ConfigureAwait(false);
        await _final.ConfigureAwait(false);
        _stop.Dispose();
    }
}
