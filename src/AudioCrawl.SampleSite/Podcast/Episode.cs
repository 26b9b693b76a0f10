namespace AudioCrawl.SampleSite.Podcast;

/// <summary>One post of the sample podcast blog; <see cref="HasAudio"/> false for text-only posts.</summary>
public sealed record Episode(int Id, string Slug, string Title, string Summary, DateOnly Published, bool HasAudio);
