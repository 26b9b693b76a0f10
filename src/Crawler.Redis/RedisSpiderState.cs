using AudioCrawl.Core.Spiders;
using StackExchange.Redis;

namespace AudioCrawl.Redis;

/// <summary>The spider state of a crawl shared through Redis: one hash every worker reads and writes; counters change by HINCRBY.</summary>
public sealed class RedisSpiderState(IConnectionMultiplexer connection, RedisCrawlOptions options) : JsonSpiderState
{
    private readonly IDatabase _redis = connection.GetDatabase();
    private readonly RedisKey _key = new RedisKeys(options.CrawlId).SpiderState;

    protected override async ValueTask<string?> ReadAsync(string key, CancellationToken cancellationToken) =>
        await _redis.HashGetAsync(_key, key).ConfigureAwait(false) is { IsNull: false } value ? value.ToString() : null;

    protected override async ValueTask WriteAsync(string key, string json, CancellationToken cancellationToken) =>
        await _redis.HashSetAsync(_key, key, json).ConfigureAwait(false);

    protected override async ValueTask<long> AddAsync(string key, long by, CancellationToken cancellationToken) =>
        await _redis.HashIncrementAsync(_key, key, by).ConfigureAwait(false);
}
