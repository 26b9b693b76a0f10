using System.Text.Json.Serialization;

namespace Crawlers.Archive;

public sealed record ScrapeItem([property: JsonPropertyName("identifier")] string? Identifier);
