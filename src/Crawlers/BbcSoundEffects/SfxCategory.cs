using System.Text.Json.Serialization;

namespace Crawlers.BbcSoundEffects;

public sealed record SfxCategory([property: JsonPropertyName("className")] string? ClassName);
