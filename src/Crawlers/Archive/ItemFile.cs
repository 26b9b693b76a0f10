using System.Text.Json.Serialization;

namespace Crawlers.Archive;

/// <summary>An entry of an item's <c>files</c> in <c>/metadata/{identifier}</c> (every value is a string there).</summary>
public sealed record ItemFile(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("format")] string? Format,
    [property: JsonPropertyName("source")] string? Source)
{
    [JsonPropertyName("title")]
    public string? Title { get; init; }

    [JsonPropertyName("track")]
    public string? Track { get; init; }

    [JsonPropertyName("length")]
    public string? Length { get; init; }

    [JsonPropertyName("size")]
    public string? Size { get; init; }

    [JsonPropertyName("original")]
    public string? Original { get; init; }
}
