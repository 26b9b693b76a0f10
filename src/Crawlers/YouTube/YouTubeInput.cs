using System.Text.RegularExpressions;
using System.Web;

namespace Crawlers.YouTube;

/// <summary>
/// One input as the user wrote it (<see cref="Original"/>) and the identifier it names (<see cref="Id"/>):
/// a query, a channel handle or UC… ID, a playlist ID, a video ID.
/// </summary>
public sealed partial record YouTubeInput(InputKind Kind, string Id, string Original)
{
    public string Label => $"{Kind.ToString().ToLowerInvariant()} '{Original}'";

    public bool IsChannelHandle => Kind == InputKind.Channel && Id.StartsWith('@');

    public static YouTubeInput Query(string query) => new(InputKind.Query, query.Trim(), query.Trim());

    /// <summary>@handle, UC… ID, or a /@handle, /channel/UC…, /c/name, /user/name URL.</summary>
    public static bool TryChannel(string raw, out YouTubeInput input)
    {
        var text = raw.Trim();
        input = new YouTubeInput(InputKind.Channel, text, text);
        if (text.StartsWith('@') && text.Length > 1)
            return true;
        if (ChannelId().IsMatch(text))
            return true;
        if (!TryUrl(text, out var url))
            return false;
        var segments = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length >= 1 && segments[0].StartsWith('@'))
        {
            input = input with { Id = Uri.UnescapeDataString(segments[0]) };
            return true;
        }
        if (segments.Length >= 2 && segments[0] == "channel" && ChannelId().IsMatch(segments[1]))
        {
            input = input with { Id = segments[1] };
            return true;
        }
        return false;
    }

    /// <summary>A playlist ID, or a URL with a list= parameter.</summary>
    public static bool TryPlaylist(string raw, out YouTubeInput input)
    {
        var text = raw.Trim();
        input = new YouTubeInput(InputKind.Playlist, text, text);
        if (PlaylistId().IsMatch(text))
            return true;
        if (TryUrl(text, out var url) && HttpUtility.ParseQueryString(url.Query)["list"] is { } list && PlaylistId().IsMatch(list))
        {
            input = input with { Id = list };
            return true;
        }
        return false;
    }

    /// <summary>An 11-character video ID, or a watch?v=, /shorts/, /live/, /embed/ or youtu.be URL.</summary>
    public static bool TryVideo(string raw, out YouTubeInput input)
    {
        var text = raw.Trim();
        input = new YouTubeInput(InputKind.Video, text, text);
        if (VideoId().IsMatch(text))
            return true;
        if (!TryUrl(text, out var url))
            return false;
        var candidate = HttpUtility.ParseQueryString(url.Query)["v"];
        var segments = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (candidate is null && url.Host.EndsWith("youtu.be", StringComparison.OrdinalIgnoreCase) && segments.Length == 1)
            candidate = segments[0];
        if (candidate is null && segments.Length == 2 && segments[0] is "shorts" or "live" or "embed")
            candidate = segments[1];
        if (candidate is not null && VideoId().IsMatch(candidate))
        {
            input = input with { Id = candidate };
            return true;
        }
        return false;
    }

    public static bool IsVideoId(string text) => VideoId().IsMatch(text);

    private static bool TryUrl(string text, out Uri url)
    {
        if (!text.Contains("://", StringComparison.Ordinal) && (text.StartsWith("youtube.com", StringComparison.OrdinalIgnoreCase) || text.StartsWith("www.", StringComparison.OrdinalIgnoreCase) || text.StartsWith("youtu.be", StringComparison.OrdinalIgnoreCase)))
            text = "https://" + text;
        return Uri.TryCreate(text, UriKind.Absolute, out url!) && url.Scheme is "http" or "https";
    }

    [GeneratedRegex("^UC[A-Za-z0-9_-]{22}$")]
    private static partial Regex ChannelId();

    [GeneratedRegex("^(PL|UU|OL|LL|FL|RD|UL|PU|OLAK5uy_)[A-Za-z0-9_-]{8,}$")]
    private static partial Regex PlaylistId();

    [GeneratedRegex("^[A-Za-z0-9_-]{11}$")]
    private static partial Regex VideoId();
}
