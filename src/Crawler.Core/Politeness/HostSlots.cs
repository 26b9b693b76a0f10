using System.Collections.Concurrent;

namespace Crawler.Core.Politeness;

/// <summary>
/// Scrapy's download slots: per host name, at most <c>perHost</c> requests in flight, and request starts spaced
/// by the host's delay (randomised 0.5-1.5x when asked). The delay follows latency when AutoThrottle is on, never
/// falls below the configured delay or the host's robots.txt Crawl-delay, and grows on 429/503, which also pause
/// the host until its Retry-After (without AutoThrottle the growth wears off again with good responses). Time comes from the injected clock so tests need not sleep.
/// </summary>
public sealed class HostSlots
{
    private readonly ConcurrentDictionary<string, HostSlot> _slots = new(StringComparer.OrdinalIgnoreCase);
    private readonly PolitenessOptions _options;
    private readonly TimeProvider _time;
    private readonly Func<double> _random;

    public HostSlots(int perHost, TimeSpan delay, TimeProvider time)
        : this(new PolitenessOptions { PerHost = perHost, Delay = delay, RandomizeDelay = false }, time)
    {
    }

    /// <param name="random">A source of numbers in [0, 1) for the randomised delay (default <see cref="Random.Shared"/>).</param>
    public HostSlots(PolitenessOptions options, TimeProvider time, Func<double>? random = null)
    {
        _options = options;
        _time = time;
        _random = random ?? Random.Shared.NextDouble;
    }

    public static string KeyOf(Uri url) => url.IdnHost;

    public async ValueTask<HostLease> AcquireAsync(Uri url, CancellationToken cancellationToken = default)
    {
        var slot = SlotOf(url);
        await slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var factor = _options.RandomizeDelay ? 0.5 + _random() : 1.0;
            var wait = slot.ReserveStart(_time.GetUtcNow(), factor);
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            slot.Gate.Release();
            throw;
        }
        return new HostLease(slot.Gate);
    }

    /// <summary>The delay now applied between two starts to the URL's host (before randomisation).</summary>
    public TimeSpan DelayOf(Uri url) => SlotOf(url).Delay;

    /// <summary>robots.txt asked for a Crawl-delay: the host's delay never goes below it.</summary>
    public void SetCrawlDelay(Uri url, TimeSpan crawlDelay) => SlotOf(url).RaiseFloor(crawlDelay, _options.MaxDelay);

    /// <summary>A response arrived after <paramref name="latency"/>: AutoThrottle moves the delay toward latency / target concurrency.</summary>
    public void RecordResponse(Uri url, int status, TimeSpan latency)
    {
        if (!_options.AutoThrottle)
        {
            if (status is >= 200 and < 400)
                SlotOf(url).Recover();
            return;
        }
        var targetDelay = latency / Math.Max(_options.TargetConcurrency, 0.01);
        SlotOf(url).Adapt(targetDelay, isSuccess: status == 200, _options.MaxDelay);
    }

    /// <summary>
    /// The host said 429 or 503: double its delay (up to the maximum) and start nothing there before
    /// <paramref name="retryAfter"/> has passed. Other hosts are not touched.
    /// </summary>
    public void SlowDown(Uri url, TimeSpan? retryAfter)
    {
        var pause = retryAfter is { } after ? (after > _options.MaxRetryAfter ? _options.MaxRetryAfter : after) : TimeSpan.Zero;
        SlotOf(url).SlowDown(_time.GetUtcNow() + pause, _options.MaxDelay);
    }

    private HostSlot SlotOf(Uri url) => _slots.GetOrAdd(KeyOf(url), _ => new HostSlot(_options.PerHost, _options.AutoThrottle ? Max(_options.StartDelay, _options.Delay) : _options.Delay, _options.Delay));

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private sealed class HostSlot(int perHost, TimeSpan delay, TimeSpan floor)
    {
        private readonly Lock _gate = new();
        private DateTimeOffset _nextStart = DateTimeOffset.MinValue;
        private TimeSpan _delay = delay;
        private TimeSpan _floor = floor;

        public SemaphoreSlim Gate { get; } = new(perHost, perHost);

        public TimeSpan Delay
        {
            get
            {
                lock (_gate)
                    return _delay;
            }
        }

        /// <summary>Books the next start time and returns how long to wait for it.</summary>
        public TimeSpan ReserveStart(DateTimeOffset now, double factor)
        {
            lock (_gate)
            {
                var start = _nextStart > now ? _nextStart : now;
                _nextStart = start + _delay * factor;
                return start - now;
            }
        }

        public void RaiseFloor(TimeSpan floor, TimeSpan max)
        {
            lock (_gate)
            {
                _floor = Max(_floor, floor < max ? floor : max);
                _delay = Max(_delay, _floor);
            }
        }

        /// <summary>Scrapy's AutoThrottle step: halfway to the target, never below it, and never down after a non-200.</summary>
        public void Adapt(TimeSpan targetDelay, bool isSuccess, TimeSpan max)
        {
            lock (_gate)
            {
                var next = Max((_delay + targetDelay) / 2, targetDelay);
                next = Max(next, _floor);
                if (next > max)
                    next = max;
                if (!isSuccess && next <= _delay)
                    return;
                _delay = next;
            }
        }

        /// <summary>Without AutoThrottle, a slow-down after 429/503 wears off by a fifth with each good response.</summary>
        public void Recover()
        {
            lock (_gate)
            {
                if (_delay > _floor)
                    _delay = Max(_floor, _delay * 0.8 < TimeSpan.FromMilliseconds(10) ? TimeSpan.Zero : _delay * 0.8);
            }
        }

        public void SlowDown(DateTimeOffset notBefore, TimeSpan max)
        {
            lock (_gate)
            {
                var doubled = _delay <= TimeSpan.Zero ? TimeSpan.FromSeconds(1) : _delay * 2;
                _delay = doubled > max ? Max(max, _delay) : doubled;
                if (notBefore > _nextStart)
                    _nextStart = notBefore;
            }
        }
    }
}
