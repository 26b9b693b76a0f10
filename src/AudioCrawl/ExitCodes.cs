using AudioCrawl.Core.Engine;

namespace AudioCrawl.Cli;

public static class ExitCodes
{
    public const int Success = 0;
    public const int CrawlFailed = 1;
    public const int BadUsage = 2;

    /// <summary>run-once: another run of the spider holds its lock, so this one was skipped.</summary>
    public const int RunInProgress = 3;

    /// <summary>The crawl finished but found nothing (no pair from the pages fetched, or contracts failing on most pages): the site looks changed. --allow-empty gives 0.</summary>
    public const int FoundNothing = 4;

    public static int Of(CrawlOutcome outcome) => outcome switch
    {
        CrawlOutcome.Failed => CrawlFailed,
        CrawlOutcome.Empty => FoundNothing,
        _ => Success,
    };
}
