namespace Crawlers.YouTube;

/// <summary>
/// The Data API has no Shorts flag, so a video's Short-ness is asked of the web site: <c>HEAD /shorts/{id}</c>, not
/// following redirects, answers 200 for a Short and redirects every other video to <c>/watch?v={id}</c> (303 on
/// youtube.com). Carried as the probe request's data: the input the video was listed for and the video itself.
/// </summary>
public sealed record ShortsProbe(YouTubeInput Input, VideoEntry Video)
{
    /// <summary>Shorts are at most three minutes long (60 seconds until October 2024): anything longer needs no probe.</summary>
    public const int LongestShortSeconds = 180;

    /// <summary>True for a Short, false for a video redirected to its watch page, null when the answer says neither.</summary>
    public static bool? IsShort(int status, string? location) => status switch
    {
        200 => true,
        301 or 302 or 303 or 307 or 308 when location is not null && RedirectsToWatch(location) => false,
        _ => null,
    };

    private static bool RedirectsToWatch(string location) =>
        Uri.TryCreate(location, UriKind.RelativeOrAbsolute, out var target)
        && (target.IsAbsoluteUri ? target.AbsolutePath : target.OriginalString.Split('?')[0]) == "/watch";
}
