using System.Text.Json.Serialization;

namespace Crawlers.Archive;

/// <summary>An audiobook of LibriVox's <c>/api/feed/audiobooks?format=json&amp;extended=1</c>.</summary>
public sealed record LibriVoxBook(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("title")] string? Title)
{
    [JsonPropertyName("language")]
    public string? Language { get; init; }

    [JsonPropertyName("copyright_year")]
    public string? CopyrightYear { get; init; }

    [JsonPropertyName("url_librivox")]
    public string? UrlLibriVox { get; init; }

    [JsonPropertyName("authors")]
    public IReadOnlyList<LibriVoxPerson>? Authors { get; init; }

    [JsonPropertyName("sections")]
    public IReadOnlyList<LibriVoxSection>? Sections { get; init; }
}
