namespace Crawler.Core.Pipeline;

public enum SubmitResult
{
    Accepted,
    Dropped,
    /// <summary>The pair was dropped because maxItems was reached: the crawl should stop.</summary>
    LimitReached,
}
