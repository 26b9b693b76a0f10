using System.Text.Json;
using Crawler.Abstractions.Stats;
using Crawler.Core;
using StackExchange.Redis;

namespace Crawler.Redis;

/// <summary>
/// Workers publish their counters to the crawl's stats hash; <c>audiocrawl status</c> reads and adds them up.
/// A worker publishes through its <see cref="RedisLink"/>: during an outage the publisher waits with the rest.
/// </summary>
public sealed class RedisStatsBoard
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly IDatabase _redis;
    private readonly RedisKeys _keys;
    private readonly TimeProvider _time;
    private readonly RedisLink? _link;

    /// <summary>A board to read (<c>audiocrawl status</c>).</summary>
    public RedisStatsBoard(IConnectionMultiplexer connection, string crawlId, TimeProvider? time = null)
    {
        _redis = connection.GetDatabase();
        _keys = new RedisKeys(crawlId);
        _time = time ?? TimeProvider.System;
    }

    /// <summary>This worker's board, to publish to.</summary>
    public RedisStatsBoard(RedisLink link)
    {
        _redis = link.Database;
        _keys = link.Keys;
        _time = link.Time;
        _link = link;
    }

    public async Task PublishAsync(string workerId, string state, CrawlStatsSnapshot stats, CancellationToken cancellationToken = default)
    {
        var entry = Entry(workerId, state, stats);
        if (_link is null)
            await _redis.HashSetAsync(_keys.Stats, workerId, entry).ConfigureAwait(false);
        else
            await _link.RunAsync("publish stats", redis => redis.HashSetAsync(_keys.Stats, workerId, entry), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Publishes the final state once, if Redis answers now (a worker on its way out does not wait for it).</summary>
    public async Task<bool> TryPublishAsync(string workerId, string state, CrawlStatsSnapshot stats)
    {
        var entry = Entry(workerId, state, stats);
        if (_link is not null)
            return (await _link.TryOnceAsync("publish final stats", redis => redis.HashSetAsync(_keys.Stats, workerId, entry)).ConfigureAwait(false)).Done;
        try
        {
            await _redis.HashSetAsync(_keys.Stats, workerId, entry).ConfigureAwait(false);
            return true;
        }
        catch (RedisException)
        {
            return false;
        }
    }

    /// <summary>Publishes every <paramref name="interval"/> until cancelled or until the worker's link to Redis is lost.</summary>
    public async Task RunPublisherAsync(string workerId, Func<CrawlStatsSnapshot> snapshot, TimeSpan interval, CancellationToken cancellationToken = default)
    {
        using var timer = new PeriodicTimer(interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await PublishAsync(workerId, "crawling", snapshot(), cancellationToken).ConfigureAwait(false);
                }
                catch (RedisException)
                {
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (CrawlStateUnavailableException)
        {
        }
    }

    private string Entry(string workerId, string state, CrawlStatsSnapshot stats) =>
        JsonSerializer.Serialize(new WorkerStats(workerId, state, _time.GetUtcNow(), stats), Json);

    public async Task<IReadOnlyList<WorkerStats>> ReadAsync()
    {
        var entries = await _redis.HashGetAllAsync(_keys.Stats).ConfigureAwait(false);
        return entries.Select(entry => JsonSerializer.Deserialize<WorkerStats>((string)entry.Value!, Json)!)
            .OrderBy(worker => worker.WorkerId, StringComparer.Ordinal)
            .ToList();
    }
}
