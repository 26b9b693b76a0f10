namespace AudioCrawl.Core.Engine;

public enum CrawlOutcome
{
    /// <summary>Nothing was left to crawl.</summary>
    Finished,

    /// <summary>Stopped early on purpose: Ctrl+C, maxRequests or maxItems. Not a failure.</summary>
    Stopped,

    /// <summary>A sink failed, the start requests failed, or no request got any response.</summary>
    Failed,
}
