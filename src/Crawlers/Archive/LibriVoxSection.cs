using System.Text.Json.Serialization;

namespace Crawlers.Archive;

/// <summary>A section (chapter) of a LibriVox audiobook; <c>listen_url</c> is its 64 kbps MP3 on archive.org.</summary>
public sealed record LibriVoxSection(
    [property: JsonPropertyName("section_number")] string? SectionNumber,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("listen_url")] string? ListenUrl)
{
    [JsonPropertyName("playtime")]
    public string? Playtime { get; init; }

    [JsonPropertyName("language")]
    public string? Language { get; init; }

    [JsonPropertyName("readers")]
    public IReadOnlyList<LibriVoxPerson>? Readers { get; init; }
}
