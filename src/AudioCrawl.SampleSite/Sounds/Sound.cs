namespace AudioCrawl.SampleSite.Sounds;

/// <summary>One entry of the sample sound library.</summary>
public sealed record Sound(int Id, string Title, string Category, bool HasAudio, double Frequency);
