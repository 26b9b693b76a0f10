using Crawler.Core.Engine;

namespace AudioCrawl;

/// <summary>
/// What every command's exit code means (README's table; ExitCodeTests holds one test per code per command).
/// </summary>
public static class ExitCodes
{
    /// <summary>Finished (also after Ctrl+C or a limit; download, pack and merge also when some rows were bad).</summary>
    public const int Success = 0;

    /// <summary>The run failed at run time: a sink or the output failed, no request got a response, an error after work began.</summary>
    public const int CrawlFailed = 1;

    /// <summary>Bad usage or configuration, found before anything was fetched or written (also: an input with no valid row).</summary>
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
