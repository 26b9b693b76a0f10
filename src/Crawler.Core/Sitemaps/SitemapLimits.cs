namespace Crawler.Core.Sitemaps;

/// <summary>How much one sitemap file may hold before it is refused (sitemaps.org 0.9 limits by default).</summary>
public sealed record SitemapLimits
{
    public static SitemapLimits Default { get; } = new();

    /// <summary>Entries per file (URLs in a url set, sitemaps in an index). Default 50,000.</summary>
    public int MaxEntries { get; init; } = 50_000;

    /// <summary>Bytes of XML after gunzipping. Default 50 MiB (52,428,800 bytes), as sitemaps.org says.</summary>
    public long MaxUncompressedBytes { get; init; } = 50L * 1024 * 1024;

    /// <summary>
    /// Element nesting. A sitemap needs 3 (<c>urlset/url/loc</c>); image and video extensions a few more.
    /// Default 16.
    /// </summary>
    public int MaxDepth { get; init; } = 16;
}
