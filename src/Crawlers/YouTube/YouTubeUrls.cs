namespace Crawlers.YouTube;

/// <summary>The canonical youtube.com addresses the output uses, independent of the site the listing came from.</summary>
public static class YouTubeUrls
{
    public static Uri Watch(string videoId) => new($"https://www.youtube.com/watch?v={videoId}");
}
