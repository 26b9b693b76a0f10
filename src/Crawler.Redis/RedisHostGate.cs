using AudioCrawl.Core.Http;
using StackExchange.Redis;

namespace AudioCrawl.Redis;

/// <summary>
/// Cluster-wide politeness: before each fetch, takes one of the host's <c>perHost</c> slots in Redis and respects the
/// host's delay between request starts, so N workers together hit a site no harder than one. A slot is held until
/// the fetch ends, or for at most <c>hold</c> when the worker dies mid-fetch.
/// </summary>
public sealed class RedisHostGate(IFetcher inner, IConnectionMultiplexer connection, RedisCrawlOptions options, int perHost, TimeSpan delay, TimeSpan hold, bool randomizeDelay, TimeProvider? time = null) : IFetcher
{
    private static readonly TimeSpan BusyPoll = TimeSpan.FromMilliseconds(15);

    private readonly IDatabase _redis = connection.GetDatabase();
    private readonly RedisKeys _keys = new(options.CrawlId);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async ValueTask<Response> FetchAsync(Request request, CancellationToken cancellationToken = default)
    {
        var host = request.Url.IdnHost + ":" + request.Url.Port;
        var holders = _keys.HostHolders(host);
        var token = $"{options.WorkerId}:{Guid.NewGuid():N}";
        await AcquireAsync(holders, _keys.HostNext(host), token, cancellationToken).ConfigureAwait(false);
        try
        {
            return await inner.FetchAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await _redis.SortedSetRemoveAsync(holders, token).ConfigureAwait(false);
        }
    }

    private async Task AcquireAsync(RedisKey holders, RedisKey next, string token, CancellationToken cancellationToken)
    {
        while (true)
        {
            var factor = randomizeDelay ? 0.5 + Random.Shared.NextDouble() : 1.0;
            var wait = (long)await _redis.ScriptEvaluateAsync(RedisScripts.AcquireHost, [holders, next],
                [token, perHost, (long)(delay.TotalMilliseconds * factor), (long)hold.TotalMilliseconds]).ConfigureAwait(false);
            if (wait == 0)
                return;
            await Task.Delay(wait < 0 ? BusyPoll : TimeSpan.FromMilliseconds(wait), _time, cancellationToken).ConfigureAwait(false);
        }
    }
}
