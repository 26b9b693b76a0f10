using System.Text.Json.Serialization;

namespace Crawlers.Archive;

/// <summary>One page of the scrape API (<c>/services/search/v1/scrape</c>): the items, and the cursor of the next page (absent on the last).</summary>
public sealed record ScrapePage(
    [property: JsonPropertyName("items")] IReadOnlyList<ScrapeItem>? Items,
    [property: JsonPropertyName("cursor")] string? Cursor,
    [property: JsonPropertyName("total")] long? Total);
