namespace Crawler.Abstractions.Stats;

/// <summary>
/// The names under which audio downloads, transcodes and shards are counted in <see cref="CrawlStats.Custom"/>
/// (the metrics and the time series read them from there).
/// </summary>
public static class MediaCounters
{
    /// <summary>Samples downloaded, converted and packed.</summary>
    public const string Downloaded = "download/succeeded";

    /// <summary>Samples that failed for good; the reason is counted as well, as <c>download/failed/&lt;reason&gt;</c>.</summary>
    public const string DownloadFailed = "download/failed";

    public const string FailedReasonPrefix = DownloadFailed + "/";

    /// <summary>Files converted by ffmpeg.</summary>
    public const string Transcoded = "transcode/done";

    /// <summary>WebDataset shards finished.</summary>
    public const string Shards = "shard/written";
}
