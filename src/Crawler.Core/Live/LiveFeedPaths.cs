namespace Crawler.Core.Live;

/// <summary>Where a crawl with a job directory publishes its live feed and leaves its summary.</summary>
public static class LiveFeedPaths
{
    public const string SocketFile = "live.sock";
    public const string SummaryFile = "summary.json";

    /// <summary>The longest path a Unix domain socket can bind (sun_path is 108 bytes, NUL included).</summary>
    public const int MaxSocketPath = 107;

    public static string Socket(string jobDirectory) => Path.Combine(Path.GetFullPath(jobDirectory), SocketFile);

    public static string Summary(string jobDirectory) => Path.Combine(jobDirectory, SummaryFile);
}
