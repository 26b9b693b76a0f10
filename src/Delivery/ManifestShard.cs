using System.Text.Json.Serialization;

namespace Delivery;

/// <summary>One shard in the manifest; <see cref="Path"/> is relative to the manifest, with '/' separators.</summary>
public sealed record ManifestShard
{
    [JsonPropertyName("path")]
    public string Path { get; init; } = "";

    [JsonPropertyName("samples")]
    public int Samples { get; init; }

    [JsonPropertyName("bytes")]
    public long Bytes { get; init; }

    [JsonPropertyName("sha256")]
    public string Sha256 { get; init; } = "";
}
