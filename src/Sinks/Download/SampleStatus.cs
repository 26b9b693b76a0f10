using System.Text.Json.Serialization;

namespace Sinks.Download;

/// <summary>One row of the status table: what became of one input row.</summary>
public sealed class SampleStatus
{
    [JsonPropertyName("row")]
    public long Row { get; set; }

    [JsonPropertyName("key")]
    public string Key { get; set; } = "";

    [JsonPropertyName("url")]
    public string Url { get; set; } = "";

    /// <summary><c>success</c>, <c>failed</c> or <c>duplicate</c> (see <see cref="SampleStatuses"/>).</summary>
    [JsonPropertyName("status")]
    public string Status { get; set; } = "";

    /// <summary>The failure reason (<c>http_404</c>, <c>not_audio</c>, <c>undecodable</c>, ...), or null.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    [JsonPropertyName("error_message")]
    public string? ErrorMessage { get; set; }

    /// <summary>Bytes downloaded.</summary>
    [JsonPropertyName("bytes")]
    public long Bytes { get; set; }

    /// <summary>Seconds of audio packed (0 when failed).</summary>
    [JsonPropertyName("duration")]
    public double Duration { get; set; }

    /// <summary>The shard (relative to the output folder) holding the sample, when packed.</summary>
    [JsonPropertyName("shard")]
    public string? Shard { get; set; }

    public SampleStatus Copy() => (SampleStatus)MemberwiseClone();
}
