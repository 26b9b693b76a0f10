namespace AudioCrawl.SampleSite.BbcSoundEffects;

/// <summary>An effect of the mock BBC catalogue; <paramref name="DurationMilliseconds"/> as the API gives it.</summary>
public sealed record SoundEffect(string Id, string Description, string Category, int DurationMilliseconds, IReadOnlyList<string> Tags);
