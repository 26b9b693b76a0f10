using System.Text.Json;

namespace Crawlers.YouTube;

/// <summary>Reads YouTube Data API v3 list responses (search, channels, playlistItems, videos).</summary>
public static class DataApiParser
{
    /// <summary>search.list: the video IDs of <c>items[*].id.videoId</c> (channels and playlists in the results are left out).</summary>
    public static IReadOnlyList<string> SearchVideoIds(JsonElement root) =>
        root.Items("items").Select(i => i.GetString("id", "videoId")).OfType<string>().ToArray();

    /// <summary>channels.list: the uploads playlist of the first channel, or null when the channel does not exist.</summary>
    public static string? UploadsPlaylist(JsonElement root) =>
        root.Items("items").Select(i => i.GetString("contentDetails", "relatedPlaylists", "uploads")).FirstOrDefault(p => p is not null);

    /// <summary>playlistItems.list: the video IDs, in playlist order.</summary>
    public static IReadOnlyList<string> PlaylistVideoIds(JsonElement root) =>
        root.Items("items").Select(i => i.GetString("contentDetails", "videoId") ?? i.GetString("snippet", "resourceId", "videoId")).OfType<string>().ToArray();

    public static string? NextPageToken(JsonElement root) => root.GetString("nextPageToken") is { Length: > 0 } token ? token : null;

    /// <summary>videos.list: full entries (snippet, contentDetails, statistics); titles here are plain text, unlike search.list's HTML-escaped ones.</summary>
    public static IReadOnlyList<VideoEntry> Videos(JsonElement root) =>
        root.Items("items").Select(Video).OfType<VideoEntry>().ToArray();

    private static VideoEntry? Video(JsonElement item)
    {
        if (item.GetString("id") is not { Length: > 0 } id)
            return null;
        var live = item.GetString("snippet", "liveBroadcastContent");
        return new VideoEntry(id, item.GetString("snippet", "title"))
        {
            ChannelName = item.GetString("snippet", "channelTitle"),
            ChannelId = item.GetString("snippet", "channelId"),
            DurationSeconds = YouTubeText.ParseDuration(item.GetString("contentDetails", "duration")),
            ViewCount = long.TryParse(item.GetString("statistics", "viewCount"), out var views) ? views : null,
            PublishedText = item.GetString("snippet", "publishedAt"),
            IsLive = live == "live",
            IsUpcoming = live == "upcoming",
        };
    }
}
