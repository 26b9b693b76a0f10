namespace AudioCrawl.Cli;

public static class ExitCodes
{
    public const int Success = 0;
    public const int CrawlFailed = 1;
    public const int BadUsage = 2;

    /// <summary>run-once: another run of the spider holds its lock, so this one was skipped.</summary>
    public const int RunInProgress = 3;
}
