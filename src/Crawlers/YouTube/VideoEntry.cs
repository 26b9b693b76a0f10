using System.Text.Json.Serialization;

namespace Crawlers.YouTube;

/// <summary>One video as a listing (web renderer or Data API item) describes it; everything but the ID may be missing.</summary>
public sealed record VideoEntry(string VideoId, string? Title)
{
    public string? ChannelName { get; init; }

    public string? ChannelId { get; init; }

    public int? DurationSeconds { get; init; }

    public long? ViewCount { get; init; }

    public string? PublishedText { get; init; }

    public bool IsLive { get; init; }

    public bool IsUpcoming { get; init; }

    public bool IsShort { get; init; }

    /// <summary>The title of the shelf the video was listed in (a web search's "People also watched" and the like); null for the list's own items.</summary>
    public string? Shelf { get; init; }

    /// <summary>The watch URL yt-dlp downloads from, whatever host the listing came from.</summary>
    [JsonIgnore]
    public Uri WatchUrl => YouTubeUrls.Watch(VideoId);
}
