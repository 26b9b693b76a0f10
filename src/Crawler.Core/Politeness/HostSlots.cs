using System.Collections.Concurrent;

namespace AudioCrawl.Core.Politeness;

/// <summary>
/// Scrapy's download slots: per host name, at most <c>perHost</c> requests in flight, and request starts spaced
/// by the delay. The delay is measured with the injected clock so tests need not sleep.
/// </summary>
public sealed class HostSlots(int perHost, TimeSpan delay, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, HostSlot> _slots = new(StringComparer.OrdinalIgnoreCase);

    public static string KeyOf(Uri url) => url.IdnHost;

    public async ValueTask<HostLease> AcquireAsync(Uri url, CancellationToken cancellationToken = default)
    {
        var slot = _slots.GetOrAdd(KeyOf(url), _ => new HostSlot(perHost));
        await slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var wait = slot.ReserveStart(time.GetUtcNow(), delay);
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            slot.Gate.Release();
            throw;
        }
        return new HostLease(slot.Gate);
    }

    private sealed class HostSlot(int perHost)
    {
        private readonly Lock _gate = new();
        private DateTimeOffset _nextStart = DateTimeOffset.MinValue;

        public SemaphoreSlim Gate { get; } = new(perHost, perHost);

        /// <summary>Books the next start time and returns how long to wait for it.</summary>
        public TimeSpan ReserveStart(DateTimeOffset now, TimeSpan delay)
        {
            lock (_gate)
            {
                var start = _nextStart > now ? _nextStart : now;
                _nextStart = start + delay;
                return start - now;
            }
        }
    }
}
