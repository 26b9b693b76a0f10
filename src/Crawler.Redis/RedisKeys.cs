using StackExchange.Redis;

namespace Crawler.Redis;

/// <summary>
/// The keys of one crawl. The crawl ID is a hash tag (<c>{id}</c>) so that on a Redis Cluster every key of a crawl
/// lands in one slot and the Lua scripts may touch them together.
/// </summary>
internal sealed class RedisKeys(string crawlId)
{
    public string Prefix { get; } = $"audiocrawl:{{{crawlId}}}:";

    public RedisKey Seen => Prefix + "seen";

    public RedisKey Priorities => Prefix + "priorities";

    public string QueuePrefix => Prefix + "queue:";

    public RedisKey Pending => Prefix + "pending";

    public RedisKey Marker => Prefix + "marker";

    public RedisKey Workers => Prefix + "workers";

    public string LeasesPrefix => Prefix + "leases:";

    public RedisKey Leases(string worker) => LeasesPrefix + worker;

    /// <summary>The worker's parked leases (a subset of <see cref="Leases"/>): media requests waiting for their shard to close.</summary>
    public RedisKey Parked(string worker) => LeasesPrefix + worker + ":parked";

    public RedisKey Seeder => Prefix + "seeder";

    public RedisKey Seeded => Prefix + "seeded";

    public RedisKey Reclaimed => Prefix + "reclaimed";

    public RedisKey PairKeys => Prefix + "pairs";

    public RedisKey Stats => Prefix + "stats";

    public RedisKey SpiderState => Prefix + "spider-state";

    public RedisKey HostHolders(string host) => Prefix + "host:" + host + ":holders";

    public RedisKey HostNext(string host) => Prefix + "host:" + host + ":next";
}
