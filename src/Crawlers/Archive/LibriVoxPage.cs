using System.Text.Json.Serialization;

namespace Crawlers.Archive;

/// <summary>A page of <c>/api/feed/audiobooks</c>: <c>{"books": [...]}</c>; past the last book the API answers 404 with <c>{"error": ...}</c>.</summary>
public sealed record LibriVoxPage(
    [property: JsonPropertyName("books")] IReadOnlyList<LibriVoxBook>? Books,
    [property: JsonPropertyName("error")] string? Error);
