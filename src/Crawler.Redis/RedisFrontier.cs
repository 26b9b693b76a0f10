using System.Globalization;
using AudioCrawl.Core;
using AudioCrawl.Core.Http;
using AudioCrawl.Core.Scheduling;
using StackExchange.Redis;

namespace AudioCrawl.Redis;

/// <summary>
/// A frontier shared by every worker of a crawl through Redis: per-priority FIFO lists under a sorted set of
/// priorities, one set of seen fingerprints, and leases. A dequeued request is leased to this worker until it is
/// completed; while the worker lives it renews its leases every third of the lease timeout, and when it dies (or
/// leaves without completing them) its leased requests go back to the front of the queue for the others.
/// A completed request's lease is released a moment later, in a batch: by then the item pipeline has written and
/// flushed the pairs the request produced, so a worker killed in between cannot lose them (its lease is re-crawled).
/// </summary>
public sealed class RedisFrontier : ISharedFrontier
{
    private static readonly TimeSpan ReleaseAfter = TimeSpan.FromMilliseconds(100);

    private readonly IDatabase _redis;
    private readonly RedisCrawlOptions _options;
    private readonly RedisKeys _keys;
    private readonly TimeProvider _time;
    private readonly Dictionary<Request, long> _leases = new(ReferenceEqualityComparer.Instance);
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Queue<(long Lease, long CompletedAt)> _completed = new();
    private readonly Task _heartbeat;
    private readonly long _leaseMs;

    public RedisFrontier(IConnectionMultiplexer connection, RedisCrawlOptions options, TimeProvider? time = null)
    {
        options.Validate();
        _redis = connection.GetDatabase();
        _options = options;
        _keys = new RedisKeys(options.CrawlId);
        _time = time ?? TimeProvider.System;
        _leaseMs = (long)options.LeaseTimeout.TotalMilliseconds;
        _heartbeat = Task.Run(() => HeartbeatAsync(_stop.Token));
    }

    public string WorkerId => _options.WorkerId;

    public async ValueTask<bool> EnqueueAsync(Request request, CancellationToken cancellationToken = default)
    {
        var result = await Guard("enqueue", () => _redis.ScriptEvaluateAsync(RedisScripts.Enqueue,
            [_keys.Seen, _keys.Priorities, _keys.Pending],
            [RequestFingerprint.Of(request).ToString(), request.DontFilter ? "1" : "0", request.Priority.ToString(CultureInfo.InvariantCulture), RequestCodec.Encode(request), _keys.QueuePrefix])).ConfigureAwait(false);
        return (long)result == 1;
    }

    public async ValueTask<Request?> DequeueAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var result = await Guard("dequeue", () => _redis.ScriptEvaluateAsync(RedisScripts.Dequeue,
            [_keys.Workers, _keys.Priorities, _keys.Pending, _keys.Reclaimed, _keys.LeaseSequence],
            [_options.WorkerId, _leaseMs, _keys.QueuePrefix, _keys.LeasesPrefix])).ConfigureAwait(false);
        if (result.IsNull)
            return null;
        var parts = (RedisResult[])result!;
        var request = RequestCodec.Decode((string)parts[1]!);
        lock (_gate)
            _leases[request] = (long)parts[0];
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

    public async ValueTask<long> CountAsync(CancellationToken cancellationToken = default) =>
        (long?)await Guard("count", () => _redis.StringGetAsync(_keys.Pending)).ConfigureAwait(false) ?? 0;

    public async ValueTask<bool> TryClaimSeedingAsync(CancellationToken cancellationToken = default) =>
        await Guard("claim seeding", () => _redis.StringSetAsync(_keys.Seeder, _options.WorkerId, when: When.NotExists)).ConfigureAwait(false);

    public async ValueTask FinishSeedingAsync(CancellationToken cancellationToken = default) =>
        await Guard("finish seeding", () => _redis.StringSetAsync(_keys.Seeded, _options.WorkerId)).ConfigureAwait(false);

    public async ValueTask<bool> IsDrainedAsync(CancellationToken cancellationToken = default) =>
        (await Guard("read the crawl state", () => RedisCrawlState.ReadAsync(_redis, _keys)).ConfigureAwait(false)).Drained;

    /// <summary>Stops renewing this worker's leases and gives back the ones it never completed (a stopped crawl loses nothing).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _heartbeat.ConfigureAwait(false);
        try
        {
            await ReleaseCompletedAsync(TimeSpan.Zero).ConfigureAwait(false);
            await _redis.ScriptEvaluateAsync(RedisScripts.Leave,
                [_keys.Workers, _keys.Priorities, _keys.Pending],
                [_options.WorkerId, _keys.QueuePrefix, _keys.LeasesPrefix]).ConfigureAwait(false);
        }
        catch (RedisException)
        {
            // Redis is gone: the leases expire there on their own and the other workers re-crawl them.
        }
        _stop.Dispose();
    }

    /// <summary>Turns a lost or refused Redis into a crawl error that says which step failed for which crawl.</summary>
    private async Task<T> Guard<T>(string step, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (RedisException ex)
        {
            throw new CrawlerException($"Redis frontier of crawl '{_options.CrawlId}' (worker {_options.WorkerId}): {step} failed: {ex.Message}", ex);
        }
    }

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(ReleaseAfter, _time);
        var lastBeat = _time.GetTimestamp();
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await ReleaseCompletedAsync(ReleaseAfter).ConfigureAwait(false);
                    if (_time.GetElapsedTime(lastBeat) >= _options.LeaseTimeout / 3)
                    {
                        await _redis.ScriptEvaluateAsync(RedisScripts.Heartbeat, [_keys.Workers], [_options.WorkerId, _leaseMs]).ConfigureAwait(false);
                        lastBeat = _time.GetTimestamp();
                    }
                }
                catch (RedisException)
                {
                    // Retried on the next tick; the lease timeout is three beats long.
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ReleaseCompletedAsync(TimeSpan age)
    {
        var due = new List<RedisValue>();
        lock (_gate)
        {
            while (_completed.TryPeek(out var entry) && _time.GetElapsedTime(entry.CompletedAt) >= age)
                due.Add(_completed.Dequeue().Lease);
        }
        if (due.Count > 0)
            await _redis.HashDeleteAsync(_keys.Leases(_options.WorkerId), [.. due]).ConfigureAwait(false);
    }
}
