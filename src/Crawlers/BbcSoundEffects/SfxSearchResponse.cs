using System.Text.Json.Serialization;

namespace Crawlers.BbcSoundEffects;

/// <summary>The answer of <c>POST api/sfx/search</c>: the total hits and one page of results.</summary>
public sealed record SfxSearchResponse(
    [property: JsonPropertyName("total")] long? Total,
    [property: JsonPropertyName("results")] IReadOnlyList<SfxResult>? Results);
