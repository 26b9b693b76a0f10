namespace AudioCrawl.SampleSite.Feeds;

/// <summary>An episode of a mock feed. <paramref name="EnclosureType"/> null means the item has no enclosure.</summary>
public sealed record FeedItem(string Slug, string Title, string Summary, string? EnclosureType, int DurationSeconds, DateTimeOffset Published)
{
    public bool IsAudio => EnclosureType?.StartsWith("audio/", StringComparison.Ordinal) == true;

    public string Extension => EnclosureType switch
    {
        "audio/wav" => "wav",
        "video/mp4" => "mp4",
        _ => "mp3",
    };

    public string MediaPath => $"/media/{Slug}.{Extension}";
}
