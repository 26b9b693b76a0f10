using System.Text.Json;
using System.Text.Json.Serialization;

namespace Delivery;

/// <summary>
/// <c>manifest.json</c>, next to the shards and uploaded last: a reader that sees it knows every shard listed is
/// complete, and can check each against its size and SHA-256.
/// </summary>
public sealed record DeliveryManifest
{
    public const string FileName = "manifest.json";

    [JsonPropertyName("tool")]
    public string Tool { get; init; } = "audiocrawl";

    [JsonPropertyName("tool_version")]
    public string ToolVersion { get; init; } = "";

    [JsonPropertyName("created")]
    public DateTimeOffset Created { get; init; }

    /// <summary>The split folders (<c>train</c>, <c>test</c>), or empty when the shards sit in one folder.</summary>
    [JsonPropertyName("split")]
    public IReadOnlyList<string> Split { get; init; } = [];

    [JsonPropertyName("shards")]
    public IReadOnlyList<ManifestShard> Shards { get; init; } = [];

    /// <summary>The totals of each folder's <c>sizes.json</c> ("." for the top folder).</summary>
    [JsonPropertyName("sizes")]
    public IReadOnlyDictionary<string, long> Sizes { get; init; } = new Dictionary<string, long>();

    [JsonPropertyName("total_samples")]
    public long TotalSamples { get; init; }

    [JsonPropertyName("total_bytes")]
    public long TotalBytes { get; init; }

    /// <summary>The crawl's or download's stats, as it wrote them (null when none were given).</summary>
    [JsonPropertyName("stats")]
    public JsonElement? Stats { get; init; }
}
