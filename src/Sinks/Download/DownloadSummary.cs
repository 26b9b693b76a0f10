using System.Text.Json.Serialization;

namespace Sinks.Download;

/// <summary>The run summary (<c>summary.json</c>): counts of this run and of the whole output folder.</summary>
public sealed record DownloadSummary
{
    [JsonPropertyName("rows")]
    public long Rows { get; init; }

    [JsonPropertyName("succeeded")]
    public long Succeeded { get; init; }

    [JsonPropertyName("failed")]
    public long Failed { get; init; }

    [JsonPropertyName("duplicates")]
    public long Duplicates { get; init; }

    /// <summary>Rows skipped because an earlier run packed them (or, without --retry-failed, failed them).</summary>
    [JsonPropertyName("skipped_done_before")]
    public long SkippedDoneBefore { get; init; }

    [JsonPropertyName("failures_by_reason")]
    public IReadOnlyDictionary<string, long> FailuresByReason { get; init; } = new Dictionary<string, long>();

    [JsonPropertyName("bytes_downloaded")]
    public long BytesDownloaded { get; init; }

    [JsonPropertyName("audio_seconds")]
    public double AudioSeconds { get; init; }

    [JsonPropertyName("elapsed_seconds")]
    public double ElapsedSeconds { get; init; }

    /// <summary>Where the stages waited on each other (all zero when storing as downloaded).</summary>
    [JsonPropertyName("stage_waits")]
    public StageWaits StageWaits { get; init; } = new();

    [JsonPropertyName("cancelled")]
    public bool Cancelled { get; init; }

    [JsonPropertyName("output")]
    public string Output { get; init; } = "";
}
