using AngleSharp.Dom;
using Crawler.Abstractions.Http;

namespace Crawlers.CambridgeDictionary;

/// <summary>
/// Reads the browse pages by the shape of their links, not by the class of one container: the index
/// (<c>/browse/{dictionary}/</c>) links one page per letter (<c>/browse/{dictionary}/{letter}/</c>), letter pages
/// link ranges (<c>/browse/{dictionary}/{letter}/{range}/</c>) and range pages link entries
/// (<c>/dictionary/{dictionary}/{slug}</c>). Only links in the page's main content count: the <c>main</c> element
/// (or <c>role="main"</c>) when there is one, else the body, without headers, footers, navigation, side columns
/// (<c>aside</c>, complementary roles), forms, hidden blocks and "Browse" widgets (a block whose first child is a
/// heading that starts with "Browse"). Links are kept only when they stay inside the chosen dictionary, each once,
/// in page order.
/// </summary>
public static class CambridgeBrowseParser
{
    private static readonly HashSet<string> ChromeElements = new(StringComparer.OrdinalIgnoreCase) { "header", "footer", "nav", "aside", "form", "template", "noscript" };
    private static readonly HashSet<string> ChromeRoles = new(StringComparer.OrdinalIgnoreCase) { "banner", "navigation", "contentinfo", "complementary", "search" };
    private static readonly HashSet<string> WidgetHeadings = new(StringComparer.OrdinalIgnoreCase) { "h2", "h3", "h4", "h5", "h6" };

    /// <summary>The letter pages linked from the main content of the browse index.</summary>
    public static IReadOnlyList<Uri> LetterPages(IParentNode document, Uri baseUrl, string dictionary) =>
        MainContentLinks(document, baseUrl)
            .Where(url => BrowseDepth(url, dictionary) == 1)
            .ToArray();

    /// <summary>The range pages and entries linked from the main content of a letter or range page.</summary>
    public static CambridgeBrowseLinks BrowseLinks(IParentNode document, Uri baseUrl, string dictionary)
    {
        var links = MainContentLinks(document, baseUrl).ToArray();
        return new CambridgeBrowseLinks(
            links.Where(url => BrowseDepth(url, dictionary) == 2).ToArray(),
            links.Where(url => IsEntry(url, dictionary)).ToArray());
    }

    /// <summary>True for <c>/dictionary/{dictionary}/{slug}</c> (a site-language prefix such as <c>/us/</c> allowed).</summary>
    public static bool IsEntry(Uri url, string dictionary)
    {
        var segments = Segments(url);
        var at = IndexOfPair(segments, "dictionary", dictionary);
        return at >= 0 && segments.Length == at + 3;
    }

    /// <summary>True for a URL whose path has the segments <c>{first}/{dictionary}</c>, e.g. <c>/sitemap/english/sitemap1.xml</c>.</summary>
    public static bool IsUnder(Uri url, string first, string dictionary) => IndexOfPair(Segments(url), first, dictionary) >= 0;

    /// <summary>The resolved links of the main content, each once, in page order.</summary>
    private static IEnumerable<Uri> MainContentLinks(IParentNode document, Uri baseUrl)
    {
        var root = document.QuerySelector("main, [role=main]") ?? (document as IDocument)?.Body ?? document as IElement;
        if (root is null)
            yield break;
        var seen = new HashSet<Uri>();
        foreach (var anchor in root.QuerySelectorAll("a[href]"))
        {
            if (!InChrome(anchor, root) && LinkResolver.Resolve(baseUrl, anchor.GetAttribute("href")) is { } url && seen.Add(url))
                yield return url;
        }
    }

    private static bool InChrome(IElement anchor, IElement root)
    {
        for (var element = anchor.ParentElement; element is not null && element != root; element = element.ParentElement)
        {
            if (ChromeElements.Contains(element.LocalName)
                || (element.GetAttribute("role") is { } role && ChromeRoles.Contains(role))
                || element.HasAttribute("hidden")
                || string.Equals(element.GetAttribute("aria-hidden"), "true", StringComparison.OrdinalIgnoreCase)
                || IsBrowseWidget(element))
                return true;
        }
        return false;
    }

    private static bool IsBrowseWidget(IElement element) =>
        element.FirstElementChild is { } heading
        && WidgetHeadings.Contains(heading.LocalName)
        && heading.TextContent.TrimStart().StartsWith("Browse", StringComparison.OrdinalIgnoreCase);

    /// <summary>Segments after <c>/browse/{dictionary}/</c>: 1 for a letter page, 2 for a range page, -1 for other URLs.</summary>
    private static int BrowseDepth(Uri url, string dictionary)
    {
        var segments = Segments(url);
        var at = IndexOfPair(segments, "browse", dictionary);
        return at < 0 ? -1 : segments.Length - at - 2;
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
