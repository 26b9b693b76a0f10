using System.Text.Json.Serialization;

namespace Sinks.WebDataset;

/// <summary>A shard's <c>{shard}_stats.json</c>, as img2dataset writes one per shard.</summary>
public sealed record ShardStats
{
    [JsonPropertyName("shard")]
    public string Shard { get; init; } = "";

    [JsonPropertyName("count")]
    public int Count { get; init; }

    [JsonPropertyName("successes")]
    public int Successes { get; init; }

    /// <summary>Rows that failed while this shard was being filled, by reason.</summary>
    [JsonPropertyName("failures_by_reason")]
    public IReadOnlyDictionary<string, int> FailuresByReason { get; init; } = new Dictionary<string, int>();

    [JsonPropertyName("failed")]
    public int Failed { get; init; }

    /// <summary>Bytes downloaded for the packed samples.</summary>
    [JsonPropertyName("bytes_downloaded")]
    public long BytesDownloaded { get; init; }

    /// <summary>Bytes of audio packed into the shard.</summary>
    [JsonPropertyName("audio_bytes")]
    public long AudioBytes { get; init; }

    [JsonPropertyName("duration_seconds")]
    public double DurationSeconds { get; init; }

    [JsonPropertyName("start_time")]
    public DateTimeOffset StartTime { get; init; }

    [JsonPropertyName("end_time")]
    public DateTimeOffset EndTime { get; init; }
}
