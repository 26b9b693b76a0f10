using System.Text.Json.Serialization;

namespace Crawlers.BbcSoundEffects;

/// <summary>A sound effect in the search results; <c>id</c> names its audio (<c>mp3/{id}.mp3</c>), <c>duration</c> is in milliseconds.</summary>
public sealed record SfxResult(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("description")] string? Description)
{
    [JsonPropertyName("duration")]
    public double? DurationMilliseconds { get; init; }

    [JsonPropertyName("categories")]
    public IReadOnlyList<SfxCategory>? Categories { get; init; }

    [JsonPropertyName("tags")]
    public IReadOnlyList<string>? Tags { get; init; }

    [JsonPropertyName("source")]
    public string? Source { get; init; }

    [JsonPropertyName("recordist")]
    public string? Recordist { get; init; }
}
