namespace Crawler.Core.Metrics;

/// <summary>Where and how often a crawl writes its time series.</summary>
public sealed record TimelineOptions(string Path)
{
    /// <summary>Seconds between points at the start (default 5); doubled each time the file is downsampled.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The most lines the file holds (default 2000, about 0.5 MB): reaching it merges neighbouring points.</summary>
    public int MaxLines { get; init; } = 2000;
}
