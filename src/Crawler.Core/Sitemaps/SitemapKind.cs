namespace Crawler.Core.Sitemaps;

/// <summary>What a sitemap file lists: pages (<c>&lt;urlset&gt;</c>) or other sitemaps (<c>&lt;sitemapindex&gt;</c>).</summary>
public enum SitemapKind
{
    UrlSet,
    Index,
}
