namespace AudioCrawl.Cli;

public static class ExitCodes
{
    public const int Success = 0;
    public const int CrawlFailed = 1;
    public const int BadUsage = 2;
}
