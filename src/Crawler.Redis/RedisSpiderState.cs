using Crawler.Abstractions.Spiders;
using StackExchange.Redis;

namespace Crawler.Redis;

/// <summary>
/// The spider state of a crawl shared through Redis: one hash every worker reads and writes; counters change by
/// HINCRBY. Calls wait out an outage through the worker's <see cref="RedisLink"/>.
/// </summary>
public sealed class RedisSpiderState(RedisLink link) : JsonSpiderState
{
    private readonly RedisKey _key = link.Keys.SpiderState;

    protected override async ValueTask<string?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        var value = await link.RunAsync("read spider state", redis => redis.HashGetAsync(_key, key), cancellationToken).ConfigureAwait(false);
        return value.IsNull ? null : value.ToString();
    }

    protected override async ValueTask WriteAsync(string key, string json, CancellationToken cancellationToken) =>
        await link.RunAsync("write spider state", redis => redis.HashSetAsync(_key, key, json), cancellationToken).ConfigureAwait(false);

    protected override async ValueTask<long> AddAsync(string key, long by, CancellationToken cancellationToken) =>
        await link.RunAsync("count in spider state", redis => redis.HashIncrementAsync(_key, key, by), cancellationToken).ConfigureAwait(false);
}
