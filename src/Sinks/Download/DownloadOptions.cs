namespace Sinks.Download;

/// <summary>How the downloader runs. Politeness and limits of the fetch path itself come with the <c>IFetcher</c>.</summary>
public sealed record DownloadOptions
{
    /// <summary>Downloads in flight at once, across hosts. Default 16.</summary>
    public int Concurrency { get; init; } = 16;

    /// <summary>Conversions running at once. Default: the number of cores.</summary>
    public int TranscodeWorkers { get; init; } = Environment.ProcessorCount;

    /// <summary>Retry only the rows that failed in an earlier run; rows never tried and packed rows are skipped.</summary>
    public bool RetryFailed { get; init; }

    /// <summary>
    /// Store the downloaded bytes as they are (<c>{key}.mp3</c>, <c>{key}.ogg</c>, ... by container) instead of converting
    /// them: no ffmpeg or ffprobe process per sample, only the in-process check that the bytes start like audio.
    /// <see cref="Transcode"/> and <see cref="TranscodeWorkers"/> are then unused and row segments are recorded, not cut.
    /// Default false.
    /// </summary>
    public bool NoTranscode { get; init; }

    public TranscodeOptions Transcode { get; init; } = new();
}
