using StackExchange.Redis;

namespace Crawler.Redis;

/// <summary>
/// The crawl's shared queue state at one moment, read atomically (dead workers' leases are requeued first).
/// <see cref="Parked"/> counts the leased media requests whose sample waits in an open shard (among <see cref="Leased"/>).
/// </summary>
public sealed record RedisCrawlState(bool Drained, long Pending, long Leased, long LiveWorkers, long Reclaimed, bool Seeded, long Parked = 0)
{
    /// <summary>Seeded, nothing pending, and every lease parked: only the open shards of live workers are left to close.</summary>
    public bool Settled => Seeded && Pending == 0 && Leased == Parked;

    internal static async Task<RedisCrawlState> ReadAsync(IDatabase redis, RedisKeys keys)
    {
        var result = (RedisResult[])(await redis.ScriptEvaluateAsync(RedisScripts.State,
            [keys.Workers, keys.Priorities, keys.Pending, keys.Reclaimed, keys.Seeded],
            [keys.QueuePrefix, keys.LeasesPrefix]).ConfigureAwait(false))!;
        var reclaimed = (long?)await redis.StringGetAsync(keys.Reclaimed).ConfigureAwait(false) ?? 0;
        var seeded = await redis.KeyExistsAsync(keys.Seeded).ConfigureAwait(false);
        return new RedisCrawlState((long)result[0] == 1, (long)result[1], (long)result[2], (long)result[3], reclaimed, seeded, (long)result[4]);
    }

    public static Task<RedisCrawlState> ReadAsync(IConnectionMultiplexer connection, string crawlId) =>
        ReadAsync(connection.GetDatabase(), new RedisKeys(crawlId));
}
