using System.Collections.Concurrent;
using Crawler.Abstractions.Http;
using StackExchange.Redis;

namespace Crawler.Redis;

/// <summary>
/// Cluster-wide politeness: before each fetch, takes one of the host's <c>perHost</c> slots in Redis and respects the
/// host's delay between request starts, so N workers together hit a site no harder than one. A slot is held until
/// the fetch ends, or for at most <c>hold</c> when the worker dies mid-fetch. During an outage a new fetch waits for
/// its slot; a fetch already under way finishes, and its slot is given back on the next fetch (or expires).
/// </summary>
public sealed class RedisHostGate(IFetcher inner, RedisLink link, int perHost, TimeSpan delay, TimeSpan hold, bool randomizeDelay) : IFetcher
{
    private static readonly TimeSpan BusyPoll = TimeSpan.FromMilliseconds(15);

    private readonly ConcurrentQueue<(RedisKey Holders, string Token)> _unreleased = new();

    public async ValueTask<Response> FetchAsync(Request request, CancellationToken cancellationToken = default)
    {
        var host = request.Url.IdnHost + ":" + request.Url.Port;
        var holders = link.Keys.HostHolders(host);
        var token = $"{link.Options.WorkerId}:{Guid.NewGuid():N}";
        await AcquireAsync(holders, link.Keys.HostNext(host), token, cancellationToken).ConfigureAwait(false);
        try
        {
            return await inner.FetchAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (!await ReleaseAsync(holders, token).ConfigureAwait(false))
                _unreleased.Enqueue((holders, token));
        }
    }

    private async Task AcquireAsync(RedisKey holders, RedisKey next, string token, CancellationToken cancellationToken)
    {
        while (true)
        {
            var factor = randomizeDelay ? 0.5 + Random.Shared.NextDouble() : 1.0;
            RedisValue[] args = [token, perHost, (long)(delay.TotalMilliseconds * factor), (long)hold.TotalMilliseconds];
            var wait = (long)await link.RunAsync("take a host slot", redis => redis.ScriptEvaluateAsync(RedisScripts.AcquireHost, [holders, next], args), cancellationToken).ConfigureAwait(false);
            await ReleaseStaleAsync().ConfigureAwait(false);
            if (wait == 0)
                return;
            await Task.Delay(wait < 0 ? BusyPoll : TimeSpan.FromMilliseconds(wait), link.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Gives back the slots of fetches that ended while Redis was down.</summary>
    private async Task ReleaseStaleAsync()
    {
        for (var left = _unreleased.Count; left > 0 && _unreleased.TryDequeue(out var stale); left--)
        {
            if (!await ReleaseAsync(stale.Holders, stale.Token).ConfigureAwait(false))
            {
                _unreleased.Enqueue(stale);
                return;
            }
        }
    }

    private async Task<bool> ReleaseAsync(RedisKey holders, string token) =>
        (await link.TryOnceAsync("give back a host slot", redis => redis.SortedSetRemoveAsync(holders, token)).ConfigureAwait(false)).Done;
}
