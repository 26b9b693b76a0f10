using System.Globalization;
using Crawler.Abstractions.Http;
using Crawler.Core;
using Crawler.Core.Scheduling;
using StackExchange.Redis;

namespace Crawler.Redis;

/// <summary>
/// A frontier shared by every worker of a crawl through Redis: per-priority FIFO lists under a sorted set of
/// priorities, one set of seen fingerprints, and leases. A dequeued request is leased to this worker until it is
/// completed; while the worker lives it renews its leases every third of the lease timeout, and when it dies (or
/// leaves without completing them) its leased requests go back to the front of the queue for the others.
/// A completed request's lease is released a moment later, in a batch: by then the item pipeline has written and
/// flushed the pairs the request produced, so a worker killed in between cannot lose them (its lease is re-crawled).
/// A media request whose sample is downloaded but not yet in a finished shard is parked (<see cref="ParkAsync"/>):
/// still leased, so it goes back to the queue if this worker dies before the shard is closed, but no longer work that
/// keeps the crawl from settling; once settled, every worker closes its open shards, completing the parked requests.
/// A worker started under the name of a killed one puts that one's leases back at once (<see cref="RedisScripts.Join"/>).
/// Every call goes through the worker's <see cref="RedisLink"/>: during an outage no request is leased and releases
/// wait; a lease whose reply was lost is recognised by its client-made ID when the call is run again.
/// </summary>
public sealed class RedisFrontier : ISharedFrontier
{
    private static readonly TimeSpan ReleaseAfter = TimeSpan.FromMilliseconds(100);

    private readonly RedisLink _link;
    private readonly RedisCrawlOptions _options;
    private readonly RedisKeys _keys;
    private readonly TimeProvider _time;
    private readonly Dictionary<Request, string> _leases = new(ReferenceEqualityComparer.Instance);
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Queue<(string Lease, long CompletedAt)> _completed = new();
    private readonly Task _heartbeat;
    private readonly long _leaseMs;
    private readonly string _leasePrefix = Guid.NewGuid().ToString("N")[..12] + "-";
    private long _leaseCount;
    private long _lastCount;
    private int _joined;

    public RedisFrontier(RedisLink link)
    {
        _link = link;
        _options = link.Options;
        _keys = link.Keys;
        _time = link.Time;
        _leaseMs = (long)_options.LeaseTimeout.TotalMilliseconds;
        _heartbeat = Task.Run(() => HeartbeatAsync(_stop.Token));
    }

    public string WorkerId => _options.WorkerId;

    public async ValueTask<bool> EnqueueAsync(Request request, CancellationToken cancellationToken = default)
    {
        RedisValue[] args = [RequestFingerprint.Of(request).ToString(), request.DontFilter ? "1" : "0", request.Priority.ToString(CultureInfo.InvariantCulture), RequestCodec.Encode(request), _keys.QueuePrefix, _link.MarkerCheck];
        var result = await _link.RunAsync("enqueue", redis => redis.ScriptEvaluateAsync(RedisScripts.Enqueue,
            [_keys.Seen, _keys.Priorities, _keys.Pending, _keys.Marker], args), cancellationToken).ConfigureAwait(false);
        return (long)result == 1;
    }

    public async ValueTask<Request?> DequeueAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Volatile.Read(ref _joined) == 0)
        {
            await _link.RunAsync("put back the leases of an earlier process of this worker", redis => redis.ScriptEvaluateAsync(RedisScripts.Join,
                [_keys.Priorities, _keys.Pending, _keys.Reclaimed], [_options.WorkerId, _keys.QueuePrefix, _keys.LeasesPrefix, _leasePrefix]), cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _joined, 1);
        }
        var lease = _leasePrefix + Interlocked.Increment(ref _leaseCount).ToString(CultureInfo.InvariantCulture);
        RedisValue[] args = [_options.WorkerId, _leaseMs, _keys.QueuePrefix, _keys.LeasesPrefix, _link.MarkerCheck, lease];
        var result = await _link.RunAsync("lease a request", redis => redis.ScriptEvaluateAsync(RedisScripts.Dequeue,
            [_keys.Workers, _keys.Priorities, _keys.Pending, _keys.Reclaimed, _keys.Marker], args), cancellationToken).ConfigureAwait(false);
        if (result.IsNull)
            return null;
        var parts = (RedisResult[])result!;
        var request = RequestCodec.Decode((string)parts[1]!);
        lock (_gate)
            _leases[request] = lease;
        return request;
    }

    public ValueTask CompleteAsync(Request request, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_leases.Remove(request, out var lease))
                _completed.Enqueue((lease, _time.GetTimestamp()));
        }
        return ValueTask.CompletedTask;
    }

    public async ValueTask<bool> ParkAsync(Request request, CancellationToken cancellationToken = default)
    {
        string? lease;
        lock (_gate)
            _leases.TryGetValue(request, out lease);
        if (lease is null)
            return false;
        var parked = await _link.RunAsync("park a media request", redis => redis.ScriptEvaluateAsync(RedisScripts.Park,
            [_keys.Leases(_options.WorkerId), _keys.Parked(_options.WorkerId)], [lease]), cancellationToken).ConfigureAwait(false);
        return (long)parked == 1;
    }

    public async ValueTask GiveBackAsync(Request request, CancellationToken cancellationToken = default)
    {
        string? lease;
        lock (_gate)
            _leases.Remove(request, out lease);
        if (lease is null)
            return;
        await _link.RunAsync("give back a request", redis => redis.ScriptEvaluateAsync(RedisScripts.GiveBack,
            [_keys.Leases(_options.WorkerId), _keys.Parked(_options.WorkerId), _keys.Priorities, _keys.Pending], [lease, _keys.QueuePrefix]), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<bool> IsSettledAsync(CancellationToken cancellationToken = default) =>
        (await _link.RunAsync("read the crawl state", redis => RedisCrawlState.ReadAsync(redis, _keys), cancellationToken).ConfigureAwait(false)).Settled;

    /// <summary>The pending count; during an outage the last one read (it only informs the progress line and the summary).</summary>
    public async ValueTask<long> CountAsync(CancellationToken cancellationToken = default)
    {
        var (done, count) = await _link.TryOnceAsync("count pending requests", redis => redis.StringGetAsync(_keys.Pending)).ConfigureAwait(false);
        if (done)
            Interlocked.Exchange(ref _lastCount, (long?)count ?? 0);
        return Interlocked.Read(ref _lastCount);
    }

    /// <summary>Claims seeding with a claim of its own, so that run again after a lost reply the claim still counts.</summary>
    public async ValueTask<bool> TryClaimSeedingAsync(CancellationToken cancellationToken = default)
    {
        var claim = $"{_options.WorkerId}:{Guid.NewGuid():N}";
        return await _link.RunAsync("claim seeding", async redis =>
            await redis.StringSetAsync(_keys.Seeder, claim, when: When.NotExists).ConfigureAwait(false)
            || await redis.StringGetAsync(_keys.Seeder).ConfigureAwait(false) == claim, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask FinishSeedingAsync(CancellationToken cancellationToken = default) =>
        await _link.RunAsync("finish seeding", redis => redis.StringSetAsync(_keys.Seeded, _options.WorkerId), cancellationToken).ConfigureAwait(false);

    public async ValueTask<bool> IsDrainedAsync(CancellationToken cancellationToken = default) =>
        (await _link.RunAsync("read the crawl state", redis => RedisCrawlState.ReadAsync(redis, _keys), cancellationToken).ConfigureAwait(false)).Drained;

    /// <summary>
    /// Stops renewing this worker's leases and gives back the ones it never completed (a stopped crawl loses nothing).
    /// One attempt only: when Redis is down the leases expire there on their own and the other workers re-crawl them.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _heartbeat.ConfigureAwait(false);
        var (released, _) = await _link.TryOnceAsync("release completed requests", async redis =>
        {
            await ReleaseCompletedAsync(redis, TimeSpan.Zero).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);
        if (released)
        {
            await _link.TryOnceAsync("give back leases", redis => redis.ScriptEvaluateAsync(RedisScripts.Leave,
                [_keys.Workers, _keys.Priorities, _keys.Pending],
                [_options.WorkerId, _keys.QueuePrefix, _keys.LeasesPrefix])).ConfigureAwait(false);
        }
        _stop.Dispose();
    }

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(ReleaseAfter, _time);
        var lastBeat = _time.GetTimestamp();
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await _link.RunAsync("release completed requests", async redis =>
                {
                    await ReleaseCompletedAsync(redis, ReleaseAfter).ConfigureAwait(false);
                    return true;
                }, cancellationToken).ConfigureAwait(false);
                if (_time.GetElapsedTime(lastBeat) >= _options.LeaseTimeout / 3)
                {
                    await _link.RunAsync("renew leases", redis => redis.ScriptEvaluateAsync(RedisScripts.Heartbeat,
                        [_keys.Workers, _keys.Marker], [_options.WorkerId, _leaseMs, _link.MarkerCheck]), cancellationToken).ConfigureAwait(false);
                    lastBeat = _time.GetTimestamp();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (CrawlStateUnavailableException)
        {
            // The link is lost for good: the engine's next call fails with the same error and stops the crawl.
        }
    }

    /// <summary>Releases the leases completed at least <paramref name="age"/> ago; they leave the queue only once Redis has them.</summary>
    private async Task ReleaseCompletedAsync(IDatabase redis, TimeSpan age)
    {
        var due = new List<RedisValue>();
        lock (_gate)
        {
            foreach (var entry in _completed)
            {
                if (_time.GetElapsedTime(entry.CompletedAt) < age)
                    break;
                due.Add(entry.Lease);
            }
        }
        if (due.Count == 0)
            return;
        // Lua's unpack takes a few thousand values at most.
        foreach (var chunk in due.Chunk(1000))
            await redis.ScriptEvaluateAsync(RedisScripts.Release, [_keys.Leases(_options.WorkerId), _keys.Parked(_options.WorkerId)], chunk).ConfigureAwait(false);
        lock (_gate)
        {
            for (var i = 0; i < due.Count; i++)
                _completed.Dequeue();
        }
    }
}
