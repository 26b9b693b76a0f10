using Crawler.Abstractions.Politeness;

namespace Crawlers.CambridgeDictionary;

/// <summary>
/// The discovery a crawl uses and why, chosen before the first request: <see cref="Sitemaps"/> are the robots.txt
/// <c>Sitemap:</c> lines of the chosen dictionary (empty means the numbered files are probed from
/// <c>sitemap1.xml</c>); <see cref="Blocked"/> is set when the chosen pages are closed by robots.txt (an explicit
/// <c>discovery=browse</c> under the live rules), which deserves a warning rather than a quiet empty crawl.
/// </summary>
public sealed record CambridgeDiscoveryPlan(CambridgeDiscovery Discovery, string Reason, IReadOnlyList<Uri> Sitemaps, bool Blocked = false)
{
    /// <param name="settings">The spider's settings.</param>
    /// <param name="root">The site root (the base URL ending in a slash).</param>
    /// <param name="robots">The site's robots.txt, or null when robots.txt is not obeyed.</param>
    /// <param name="productToken">The crawler's robots.txt product token.</param>
    public static CambridgeDiscoveryPlan Choose(CambridgeSettings settings, Uri root, RobotsTxt? robots, string productToken)
    {
        var browse = BrowseIndex(root, settings.Dictionary);
        var browseAllowed = robots is null || robots.IsAllowed(browse, productToken);
        var closed = $"robots.txt disallows {browse.AbsolutePath}";
        switch (settings.Discovery)
        {
            case CambridgeDiscovery.Words:
                return new(CambridgeDiscovery.Words, "discovery=words", []);
            case CambridgeDiscovery.Browse:
                return browseAllowed
                    ? new(CambridgeDiscovery.Browse, "discovery=browse", [])
                    : new(CambridgeDiscovery.Browse, $"discovery=browse, but {closed}: the engine will drop every browse page (use discovery=sitemap or auto)", [], Blocked: true);
            case CambridgeDiscovery.Sitemap:
                return Sitemap("discovery=sitemap", settings.Dictionary, robots);
        }
        if (settings.HasWordList())
            return new(CambridgeDiscovery.Words, "a word list is given", []);
        if (robots is null)
            return new(CambridgeDiscovery.Browse, "robots.txt is not obeyed (obeyRobotsTxt=false), so the browse pages may be read", []);
        return browseAllowed
            ? new(CambridgeDiscovery.Browse, $"robots.txt allows {browse.AbsolutePath}", [])
            : Sitemap(closed, settings.Dictionary, robots);
    }

    public static Uri BrowseIndex(Uri root, string dictionary) => new(root, $"browse/{Uri.EscapeDataString(dictionary)}/");

    /// <summary><c>/sitemap/{dictionary}/sitemap{number}.xml</c>, the shape public crawlers of the live site read.</summary>
    public static Uri NumberedSitemap(Uri root, string dictionary, int number) =>
        new(root, $"sitemap/{Uri.EscapeDataString(dictionary)}/sitemap{number}.xml");

    private static CambridgeDiscoveryPlan Sitemap(string why, string dictionary, RobotsTxt? robots)
    {
        var listed = robots?.Sitemaps.Where(url => CambridgeBrowseParser.IsUnder(url, "sitemap", dictionary)).Distinct().ToArray() ?? [];
        var source = listed.Length > 0
            ? $"{listed.Length} robots.txt Sitemap {(listed.Length == 1 ? "line" : "lines")} of the {dictionary} dictionary"
            : robots is null
                ? $"robots.txt not read, so /sitemap/{dictionary}/sitemap1.xml, sitemap2.xml, ... until one is missing"
                : $"robots.txt names no sitemap of the {dictionary} dictionary, so /sitemap/{dictionary}/sitemap1.xml, sitemap2.xml, ... until one is missing";
        return new(CambridgeDiscovery.Sitemap, $"{why}; sitemaps: {source}", listed);
    }
}
