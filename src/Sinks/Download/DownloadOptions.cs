namespace AudioCrawl.Sinks.Download;

/// <summary>How the downloader runs. Politeness and limits of the fetch path itself come with the <c>IFetcher</c>.</summary>
public sealed record DownloadOptions
{
    /// <summary>Downloads in flight at once, across hosts. Default 16.</summary>
    public int Concurrency { get; init; } = 16;

    /// <summary>Conversions running at once. Default: the number of cores.</summary>
    public int TranscodeWorkers { get; init; } = Environment.ProcessorCount;

    /// <summary>Retry only the rows that failed in an earlier run; rows never tried and packed rows are skipped.</summary>
    public bool RetryFailed { get; init; }

    public TranscodeOptions Transcode { get; init; } = new();
}
