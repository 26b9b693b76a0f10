using System.Text.Json.Serialization;

namespace AudioCrawl.Crawlers.BbcSoundEffects;

public sealed record SfxCategory([property: JsonPropertyName("className")] string? ClassName);
