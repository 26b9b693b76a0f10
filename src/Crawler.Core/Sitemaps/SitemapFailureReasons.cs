namespace Crawler.Core.Sitemaps;

/// <summary>Why a sitemap file was refused: the <see cref="SitemapException.Reason"/>, counted as <c>sitemap/&lt;reason&gt;</c>.</summary>
public static class SitemapFailureReasons
{
    /// <summary>More entries than <see cref="SitemapLimits.MaxEntries"/>.</summary>
    public const string TooManyUrls = "too_many_urls";

    /// <summary>More bytes (after gunzipping) than <see cref="SitemapLimits.MaxUncompressedBytes"/>.</summary>
    public const string TooLarge = "too_large";

    /// <summary>Nested deeper than <see cref="SitemapLimits.MaxDepth"/>.</summary>
    public const string TooDeep = "too_deep";

    /// <summary>Not well-formed XML, a corrupt or truncated gzip body, or an undeclared entity.</summary>
    public const string Malformed = "malformed";

    /// <summary>The file has a DOCTYPE: DTDs (and so entity expansion) are never processed.</summary>
    public const string DtdRefused = "dtd_refused";

    /// <summary>Well-formed XML whose root is neither <c>urlset</c> nor <c>sitemapindex</c>.</summary>
    public const string NotASitemap = "not_a_sitemap";
}
