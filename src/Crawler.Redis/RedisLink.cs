using System.Text.Json;
using Crawler.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Crawler.Redis;

/// <summary>
/// This worker's link to the crawl's Redis. Every call of the frontier, pair keys, host gate and stats board goes
/// through it, so an outage is waited out in one place: the first call that loses the connection starts the outage
/// (one warning), every call then waits (no new lease is taken, no pair is acknowledged) while one prober retries
/// with backoff, and all resume together when Redis answers again (one message) — or all fail with
/// <see cref="RedisOutageException"/> once <see cref="RedisCrawlOptions.OutageTimeout"/> has passed. A Redis that
/// came back without the crawl's marker key lost the crawl: <see cref="RedisCrawlLostException"/>.
/// Calls are retried as they are, so each one must be idempotent (the scripts take a client-made ID where needed).
/// </summary>
public sealed class RedisLink
{
    internal const string MarkerMissingError = "AUDIOCRAWL_MARKER_MISSING";

    private static readonly TimeSpan FirstProbe = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LongestProbe = TimeSpan.FromSeconds(2);

    private readonly IDatabase _redis;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private TaskCompletionSource? _outage;
    private CrawlStateUnavailableException? _lost;
    private RedisCrawlMarker? _marker;

    /// <param name="endpoint">How messages name the server (<see cref="RedisConnector.Describe"/>), never with its password.</param>
    public RedisLink(IConnectionMultiplexer connection, RedisCrawlOptions options, string endpoint, ILogger? logger = null, TimeProvider? time = null)
    {
        options.Validate();
        _redis = connection.GetDatabase();
        Options = options;
        Endpoint = endpoint;
        Keys = new RedisKeys(options.CrawlId);
        Time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    public RedisCrawlOptions Options { get; }

    public string Endpoint { get; }

    public TimeProvider Time { get; }

    internal RedisKeys Keys { get; }

    internal IDatabase Database => _redis;

    /// <summary>"1" once this worker has seen the crawl's marker: from then on the scripts refuse to run without it.</summary>
    internal string MarkerCheck => Volatile.Read(ref _marker) is null ? "0" : "1";

    /// <summary>True once the outage timeout passed or the crawl was found lost: every call fails at once.</summary>
    public bool IsLost => Volatile.Read(ref _lost) is not null;

    /// <summary>
    /// Joins the crawl: writes its marker key if this is the crawl's first worker, else reads the marker the first
    /// one wrote. From then on a Redis without the marker is a Redis that lost the crawl.
    /// </summary>
    public async Task<RedisCrawlMarker> JoinAsync(CancellationToken cancellationToken = default)
    {
        var mine = new RedisCrawlMarker(Options.CrawlId, Time.GetUtcNow(), Options.WorkerId);
        var marker = await RunAsync("write the crawl marker", async redis =>
        {
            if (await redis.StringSetAsync(Keys.Marker, JsonSerializer.Serialize(mine, RedisCrawlMarker.Json), when: When.NotExists).ConfigureAwait(false))
                return mine;
            var stored = await redis.StringGetAsync(Keys.Marker).ConfigureAwait(false);
            return RedisCrawlMarker.Parse(stored, Keys.Marker.ToString());
        }, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _marker, marker);
        return marker;
    }

    /// <summary>Runs <paramref name="call"/>, waiting out an outage (and retrying the call) for up to the outage timeout.</summary>
    public async Task<T> RunAsync<T>(string step, Func<IDatabase, Task<T>> call, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Task? outage;
            lock (_gate)
            {
                if (_lost is not null)
                    throw _lost;
                outage = _outage?.Task;
            }
            if (outage is not null)
            {
                await outage.WaitAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }
            try
            {
                return await call(_redis).ConfigureAwait(false);
            }
            catch (RedisServerException ex) when (ex.Message.Contains(MarkerMissingError, StringComparison.Ordinal))
            {
                throw Lose(CrawlLost());
            }
            catch (Exception ex) when (IsOutage(ex))
            {
                BeginOutage(step, ex);
            }
        }
    }

    /// <summary>
    /// One attempt, never waiting: for what may be skipped or done later (a count for the progress line, a host slot
    /// given back, leases given back on the way out). A lost connection still starts the outage for the other calls.
    /// </summary>
    public async Task<(bool Done, T Result)> TryOnceAsync<T>(string step, Func<IDatabase, Task<T>> call)
    {
        lock (_gate)
        {
            if (_lost is not null || _outage is not null)
                return (false, default!);
        }
        try
        {
            return (true, await call(_redis).ConfigureAwait(false));
        }
        catch (Exception ex) when (IsOutage(ex))
        {
            BeginOutage(step, ex);
            return (false, default!);
        }
        catch (RedisException)
        {
            return (false, default!);
        }
    }

    /// <summary>Lost connections, timeouts, and a server that is loading its data or not yet a writable primary.</summary>
    internal static bool IsOutage(Exception ex) => ex switch
    {
        RedisConnectionException or RedisTimeoutException => true,
        RedisServerException server => server.Message.StartsWith("LOADING", StringComparison.Ordinal)
            || server.Message.StartsWith("MASTERDOWN", StringComparison.Ordinal)
            || server.Message.StartsWith("READONLY", StringComparison.Ordinal)
            || server.Message.StartsWith("TRYAGAIN", StringComparison.Ordinal),
        _ => false,
    };

    private void BeginOutage(string step, Exception cause)
    {
        TaskCompletionSource outage;
        lock (_gate)
        {
            if (_lost is not null || _outage is not null)
                return;
            outage = _outage = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        _logger.LogWarning("Redis at {Endpoint} is unreachable ({Step}: {Reason}): crawl '{Crawl}' takes no new requests and holds its pairs; waiting up to {Timeout} s for Redis to come back.",
            Endpoint, step, Brief(cause), Options.CrawlId, Options.OutageTimeout.TotalSeconds);
        _ = Task.Run(() => ProbeAsync(outage, Time.GetTimestamp()));
    }

    private async Task ProbeAsync(TaskCompletionSource outage, long started)
    {
        var wait = FirstProbe;
        string reason = "no answer";
        while (true)
        {
            var left = Options.OutageTimeout - Time.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                Lose(new RedisOutageException(
                    $"Redis at {Endpoint} did not come back within {Options.OutageTimeout.TotalSeconds} s (last error: {reason}); worker {Options.WorkerId} of crawl '{Options.CrawlId}' stopped, " +
                    "with every pair it acknowledged in its CSV. Start redis-server again with its data (AOF/RDB) and run the same command to continue the crawl, or give a longer --redis-outage-timeout."));
                return;
            }
            await Task.Delay(wait < left ? wait : left, Time).ConfigureAwait(false);
            wait = wait * 2 < LongestProbe ? wait * 2 : LongestProbe;
            try
            {
                await _redis.PingAsync().ConfigureAwait(false);
                if (Volatile.Read(ref _marker) is not null && !await _redis.KeyExistsAsync(Keys.Marker).ConfigureAwait(false))
                {
                    Lose(CrawlLost());
                    return;
                }
            }
            catch (Exception ex) when (IsOutage(ex))
            {
                reason = Brief(ex);
                continue;
            }
            catch (ObjectDisposedException)
            {
                return; // the worker closed its connection on the way out: nobody waits any more
            }
            _logger.LogWarning("Redis at {Endpoint} is back after {Seconds:0.0} s: crawl '{Crawl}' resumes.", Endpoint, Time.GetElapsedTime(started).TotalSeconds, Options.CrawlId);
            lock (_gate)
                _outage = null;
            outage.TrySetResult();
            return;
        }
    }

    /// <summary>The gist of a client error, without the connection diagnostics StackExchange.Redis appends.</summary>
    private static string Brief(Exception ex)
    {
        var message = ex.Message.Split('\n')[0];
        var end = message.IndexOfAny(['(', ',', ';']);
        return (end > 10 ? message[..end] : message).Trim();
    }

    private RedisCrawlLostException CrawlLost()
    {
        var marker = Volatile.Read(ref _marker);
        return new RedisCrawlLostException(
            $"Redis at {Endpoint} no longer holds crawl '{Options.CrawlId}': its marker key {Keys.Marker} (written by {marker?.CreatedBy} at {marker?.CreatedAt:u}) is gone, " +
            "so the server was restarted without persistence (no AOF/RDB) or flushed, and the shared queue, seen requests and pair keys are lost. " +
            $"Worker {Options.WorkerId} stopped instead of starting over; its CSV holds every pair it acknowledged. Run Redis with 'appendonly yes' (docs/distributed.md), " +
            "then start the crawl again under a new --crawl-id and merge the old parts with the new ones (audiocrawl merge drops the duplicates).");
    }

    private CrawlStateUnavailableException Lose(CrawlStateUnavailableException failure)
    {
        TaskCompletionSource? outage;
        lock (_gate)
        {
            if (_lost is not null)
                return _lost;
            _lost = failure;
            outage = _outage;
        }
        outage?.TrySetException(failure);
        return failure;
    }
}
