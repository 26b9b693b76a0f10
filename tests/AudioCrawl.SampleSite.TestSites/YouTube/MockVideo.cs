namespace AudioCrawl.SampleSite.TestSites.YouTube;

/// <summary>A video of the mock YouTube.</summary>
public sealed record MockVideo(string Id, string Title, MockChannel Channel, int DurationSeconds, long Views, string Published)
{
    public bool IsLive { get; init; }

    public bool IsUpcoming { get; init; }

    public bool IsShort { get; init; }

    /// <summary>What a crawl emits as text: the title with whitespace collapsed.</summary>
    public string NormalizedTitle => string.Join(' ', Title.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public string WatchUrl => $"https://www.youtube.com/watch?v={Id}";
}
