using System.Text.Json;
using AudioCrawl.Core.Stats;
using StackExchange.Redis;

namespace AudioCrawl.Redis;

/// <summary>Workers publish their counters to the crawl's stats hash; <c>audiocrawl status</c> reads and adds them up.</summary>
public sealed class RedisStatsBoard(IConnectionMultiplexer connection, string crawlId, TimeProvider? time = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly IDatabase _redis = connection.GetDatabase();
    private readonly RedisKeys _keys = new(crawlId);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task PublishAsync(string workerId, string state, CrawlStatsSnapshot stats)
    {
        var entry = new WorkerStats(workerId, state, _time.GetUtcNow(), stats);
        await _redis.HashSetAsync(_keys.Stats, workerId, JsonSerializer.Serialize(entry, Json)).ConfigureAwait(false);
    }

    /// <summary>Publishes every <paramref name="interval"/> until cancelled; a failed publish is retried on the next tick.</summary>
    public async Task RunPublisherAsync(string workerId, Func<CrawlStatsSnapshot> snapshot, TimeSpan interval, CancellationToken cancellationToken = default)
    {
        using var timer = new PeriodicTimer(interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await PublishAsync(workerId, "crawling", snapshot()).ConfigureAwait(false);
                }
                catch (RedisException)
                {
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async Task<IReadOnlyList<WorkerStats>> ReadAsync()
    {
        var entries = await _redis.HashGetAllAsync(_keys.Stats).ConfigureAwait(false);
        return entries.Select(entry => JsonSerializer.Deserialize<WorkerStats>((string)entry.Value!, Json)!)
            .OrderBy(worker => worker.WorkerId, StringComparer.Ordinal)
            .ToList();
    }
}
