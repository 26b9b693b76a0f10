using System.Text.Json.Serialization;

namespace AudioCrawl.Crawlers.Archive;

public sealed record ScrapeItem([property: JsonPropertyName("identifier")] string? Identifier);
