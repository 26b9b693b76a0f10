using System.Text.Json.Nodes;

namespace Crawler.Abstractions.Spiders;

/// <summary>
/// The item a crawl collects: a URL the audio can be downloaded from, and the text that describes it.
/// <see cref="Spider"/> and <see cref="Page"/> are filled in by the engine when the spider leaves them empty.
/// </summary>
public sealed record AudioPair(Uri Url, string Text) : SpiderOutput
{
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Free-form facts about the source (IPA, region, video id, ...); becomes <c>original_data</c> in the shards.</summary>
    public JsonObject? OriginalData { get; init; }

    public string? Spider { get; init; }

    public Uri? Page { get; init; }
}
