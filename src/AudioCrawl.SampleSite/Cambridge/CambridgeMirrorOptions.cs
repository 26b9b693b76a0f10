namespace AudioCrawl.SampleSite.Cambridge;

/// <summary>
/// The variants of the Cambridge mirror. The defaults are the live site's rules: browse pages closed by robots.txt,
/// the dictionary's entries listed in numbered sitemaps that robots.txt does not name.
/// </summary>
public sealed record CambridgeMirrorOptions
{
    /// <summary>The live site's rules and markup (the default).</summary>
    public static CambridgeMirrorOptions Live { get; } = new();

    /// <summary>Live markup, with robots.txt allowing the browse pages.</summary>
    public static CambridgeMirrorOptions Permissive { get; } = new() { Robots = CambridgeRobotsRules.Permissive };

    public CambridgeRobotsRules Robots { get; init; } = CambridgeRobotsRules.Live;

    /// <summary>Whether robots.txt names the sitemaps in <c>Sitemap:</c> lines (the index when there is one, else each numbered file). Default false.</summary>
    public bool SitemapInRobots { get; init; }

    /// <summary>Whether <c>/sitemap/{dictionary}/sitemap.xml</c> is a sitemap index of the numbered files. Default true.</summary>
    public bool SitemapIndex { get; init; } = true;

    public CambridgeBrowseMarkup BrowseMarkup { get; init; } = CambridgeBrowseMarkup.Live;

    /// <summary>Entries per numbered sitemap file (the real files hold tens of thousands; small here so a test mirror has several). Default 100.</summary>
    public int UrlsPerSitemap { get; init; } = 100;
}
