using AudioCrawl.Core.Pipeline;
using StackExchange.Redis;

namespace AudioCrawl.Redis;

/// <summary>
/// Pair keys claimed in the crawl's Redis hash (key to owning worker), so two workers rarely write the same pair.
/// A claim by a worker that has since died or left can be taken over: its part may not hold the pair.
/// </summary>
public sealed class RedisPairKeyStore(IConnectionMultiplexer connection, RedisCrawlOptions options) : IPairKeyStore
{
    private readonly IDatabase _redis = connection.GetDatabase();
    private readonly RedisKeys _keys = new(options.CrawlId);

    public async ValueTask<bool> TryAddAsync(PairKey key, CancellationToken cancellationToken = default) =>
        (long)await _redis.ScriptEvaluateAsync(RedisScripts.ClaimPair, [_keys.PairKeys, _keys.Workers], [key.ToString(), options.WorkerId]).ConfigureAwait(false) == 1;
}
