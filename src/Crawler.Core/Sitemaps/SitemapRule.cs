using System.Text.RegularExpressions;

namespace Crawler.Core.Sitemaps;

/// <summary>
/// Scrapy's <c>sitemap_rules</c> entry: URLs of a url set that match <see cref="Pattern"/> (searched in the absolute
/// URL) go to the callback named <see cref="Callback"/>.
/// </summary>
public sealed record SitemapRule(Regex Pattern, string Callback)
{
    public SitemapRule(string pattern, string callback)
        : this(new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)), callback)
    {
    }
}
