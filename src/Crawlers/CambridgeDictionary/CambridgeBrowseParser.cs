using AngleSharp.Dom;
using AudioCrawl.Core.Http;

namespace AudioCrawl.Crawlers.CambridgeDictionary;

/// <summary>
/// Reads the browse pages: the index (<c>/browse/{dictionary}/</c>) links one page per letter, and letter and range
/// pages list their links as <c>a</c> elements inside the <c>i-browse</c> block. Links are kept only when they stay
/// inside the chosen dictionary, each once, in page order.
/// </summary>
public static class CambridgeBrowseParser
{
    /// <summary>The letter pages linked from the browse index: <c>/browse/{dictionary}/{letter}/</c>.</summary>
    public static IReadOnlyList<Uri> LetterPages(IParentNode document, Uri baseUrl, string dictionary) =>
        Distinct(document.QuerySelectorAll("a[href]"), baseUrl)
            .Where(url => BrowseDepth(url, dictionary) == 1)
            .ToArray();

    /// <summary>The browse pages and entries linked from the <c>i-browse</c> block of a letter or range page.</summary>
    public static CambridgeBrowseLinks BrowseBlock(IParentNode document, Uri baseUrl, string dictionary)
    {
        var links = Distinct(document.QuerySelectorAll(".i-browse a[href]"), baseUrl).ToArray();
        return new CambridgeBrowseLinks(
            links.Where(url => BrowseDepth(url, dictionary) >= 2).ToArray(),
            links.Where(url => IsEntry(url, dictionary)).ToArray());
    }

    /// <summary>True for <c>/dictionary/{dictionary}/{slug}</c> (a site-language prefix such as <c>/us/</c> allowed).</summary>
    public static bool IsEntry(Uri url, string dictionary)
    {
        var segments = Segments(url);
        var at = IndexOfPair(segments, "dictionary", dictionary);
        return at >= 0 && segments.Length == at + 3;
    }

    /// <summary>Segments after <c>/browse/{dictionary}/</c>: 1 for a letter page, 2 for a range page, -1 for other URLs.</summary>
    private static int BrowseDepth(Uri url, string dictionary)
    {
        var segments = Segments(url);
        var at = IndexOfPair(segments, "browse", dictionary);
        return at < 0 ? -1 : segments.Length - at - 2;
    }

    private static IEnumerable<Uri> Distinct(IEnumerable<IElement> anchors, Uri baseUrl)
    {
        var seen = new HashSet<Uri>();
        foreach (var anchor in anchors)
        {
            if (LinkResolver.Resolve(baseUrl, anchor.GetAttribute("href")) is { } url && seen.Add(url))
                yield return url;
        }
    }

    private static string[] Segments(Uri url) => url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);

    private static int IndexOfPair(string[] segments, string first, string second)
    {
        for (var i = 0; i + 1 < segments.Length; i++)
        {
            if (segments[i] == first && string.Equals(Uri.UnescapeDataString(segments[i + 1]), second, StringComparison.OrdinalIgnoreCase))
                return i;
        }
        return -1;
    }
}
