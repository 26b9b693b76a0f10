using Crawler.Abstractions.Http;

namespace Crawlers.CambridgeDictionary;

/// <summary>What both entry readers (DOM and streaming) do the same way with a page's text and audio sources.</summary>
internal static class CambridgeText
{
    /// <summary>Whitespace collapsed to single spaces; null when nothing is left.</summary>
    public static string? Clean(string? text)
    {
        if (text is null)
            return null;
        var collapsed = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return collapsed.Length == 0 ? null : collapsed;
    }

    /// <summary>
    /// The recordings an element inside a group offers, in the order both readers list them: its own <c>src</c> (a
    /// <c>source</c> or <c>audio</c> element, with its <c>type</c>), then the <c>data-src-mp3</c> and
    /// <c>data-src-ogg</c> of the play button that pages of the 2018–2019 layout carry instead of an <c>audio</c>.
    /// </summary>
    public static void AddSources(List<(string? Src, string? Type)> sources, string? src, string? type, string? dataMp3, string? dataOgg)
    {
        if (src is not null)
            sources.Add((src, type));
        if (dataMp3 is not null)
            sources.Add((dataMp3, "audio/mpeg"));
        if (dataOgg is not null)
            sources.Add((dataOgg, "audio/ogg"));
    }

    /// <summary>The first mp3 and first ogg among a group's sources (src and type as written), in page order.</summary>
    public static (Uri? Mp3, Uri? Ogg) Sources(IEnumerable<(string? Src, string? Type)> sources, Uri baseUrl)
    {
        Uri? mp3 = null, ogg = null;
        foreach (var (src, rawType) in sources)
        {
            if (LinkResolver.Resolve(baseUrl, src) is not { } url)
                continue;
            var type = rawType?.Trim().ToLowerInvariant();
            var path = url.AbsolutePath;
            if (type is "audio/mpeg" or "audio/mp3" || (type is null && path.EndsWith(".mp3", StringComparison.OrdinalIgnoreCase)))
                mp3 ??= url;
            else if (type is "audio/ogg" || (type is null && path.EndsWith(".ogg", StringComparison.OrdinalIgnoreCase)))
                ogg ??= url;
        }
        return (mp3, ogg);
    }
}
