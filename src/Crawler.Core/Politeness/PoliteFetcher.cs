using Crawler.Abstractions.Http;
using Crawler.Abstractions.Stats;
using Crawler.Core.Http;

namespace Crawler.Core.Politeness;

/// <summary>
/// A fetch stage that holds a place in the host's slot for each attempt, and tells the slot what it saw: the
/// latency (AutoThrottle) and 429/503 with their Retry-After (slow down that host only). The latency also goes to
/// <paramref name="latencies"/> (the stats) when given.
/// </summary>
public sealed class PoliteFetcher(IFetcher inner, HostSlots slots, TimeProvider time, HostLatencies? latencies = null) : IFetcher
{
    public async ValueTask<Response> FetchAsync(Request request, CancellationToken cancellationToken = default)
    {
        using var lease = await slots.AcquireAsync(request.Url, cancellationToken).ConfigureAwait(false);
        var started = time.GetTimestamp();
        var response = await inner.FetchAsync(request, cancellationToken).ConfigureAwait(false);
        latencies?.Record(request.Url.Authority, time.GetElapsedTime(started));
        if (response.Status is 429 or 503)
            slots.SlowDown(request.Url, RetryAfter.Of(response, time));
        else
            slots.RecordResponse(request.Url, response.Status, time.GetElapsedTime(started));
        return response;
    }
}
