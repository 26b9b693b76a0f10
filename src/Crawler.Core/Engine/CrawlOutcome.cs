namespace Crawler.Core.Engine;

public enum CrawlOutcome
{
    /// <summary>Nothing was left to crawl.</summary>
    Finished,

    /// <summary>Stopped early on purpose: Ctrl+C, maxRequests or maxItems. Not a failure.</summary>
    Stopped,

    /// <summary>A sink failed, the start requests failed, or no request got any response.</summary>
    Failed,

    /// <summary>
    /// Ran, but found nothing: pages were fetched and no pair came of them, or a callback's contract failed on most of
    /// its pages. The site looks changed. See <see cref="CrawlResult.FoundNothing"/>; <c>allowEmpty</c> keeps such a crawl finished.
    /// </summary>
    Empty,
}
