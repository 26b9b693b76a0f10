using Crawler.Abstractions.Http;
using Crawler.Abstractions.Scheduling;
using Crawler.Core.Hosting;

namespace Crawler.Core.Media;

/// <summary>
/// How a media handler schedules the media requests of the pairs it accepts during a crawl: into the crawl's frontier,
/// announced to the crawl's extensions (<see cref="ICrawlExtension.OnRequestScheduled"/>) as the engine announces a page request.
/// </summary>
public sealed class MediaScheduler(IFrontier frontier, CrawlSignals signals)
{
    public async ValueTask ScheduleAsync(Request request, CancellationToken cancellationToken = default)
    {
        if (!MediaRequests.IsMedia(request))
            throw new ArgumentException($"{request.Url} is not a media request (see MediaRequests.For).", nameof(request));
        if (await frontier.EnqueueAsync(request, cancellationToken).ConfigureAwait(false))
            signals.RequestScheduled(request);
    }
}
