using System.Globalization;
using Crawler.Core.Pipeline;
using StackExchange.Redis;

namespace Crawler.Redis;

/// <summary>
/// Pair keys claimed in the crawl's Redis hash (key to owning claim), so two workers rarely write the same pair.
/// A claim by a worker that has since died or left can be taken over: its part may not hold the pair.
/// During an outage a claim waits (and with it the pair, which reaches the CSV only once its key is recorded); each
/// claim carries its own ID, so one run again after a lost reply is still recognised as this pair's.
/// </summary>
public sealed class RedisPairKeyStore(RedisLink link) : IPairKeyStore
{
    private readonly string _claimPrefix = $"{link.Options.WorkerId}:{Guid.NewGuid().ToString("N")[..12]}-";
    private long _claims;

    public async ValueTask<bool> TryAddAsync(PairKey key, CancellationToken cancellationToken = default)
    {
        var keys = link.Keys;
        RedisValue[] args = [key.ToString(), _claimPrefix + Interlocked.Increment(ref _claims).ToString(CultureInfo.InvariantCulture), link.Options.WorkerId, link.MarkerCheck];
        var result = await link.RunAsync("record a pair key", redis => redis.ScriptEvaluateAsync(RedisScripts.ClaimPair,
            [keys.PairKeys, keys.Workers, keys.Marker], args), cancellationToken).ConfigureAwait(false);
        return (long)result == 1;
    }
}
