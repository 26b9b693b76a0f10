namespace Crawler.Core.Engine;

/// <summary>The reasons a request is never sent, as counted in the stats.</summary>
public static class RequestDropReasons
{
    public const string Duplicate = "duplicate";
    public const string Offsite = "offsite";
    public const string MaxDepth = "max_depth";
    public const string MaxRequests = "max_requests";
    public const string UnsupportedScheme = "unsupported_scheme";
    public const string Abandoned = "abandoned";

    /// <summary>An audio download pending for a download sink this run does not have (it stays pending).</summary>
    public const string NoMediaHandler = "no_media_handler";
    public const string Robots = Politeness.RobotsTxtFetcher.DropReason;
}
