using Crawler.Abstractions.Http;
using Crawler.Abstractions.Spiders;

namespace Crawler.Core.Sitemaps;

/// <summary>What <see cref="SitemapFollower"/> does with the entries it reads.</summary>
public sealed record SitemapFollowOptions
{
    /// <summary>
    /// The request for a URL of a url set, or null to skip it (counted <c>sitemap/skipped</c>): Scrapy's
    /// <c>sitemap_rules</c> and <c>sitemap_filter</c> in one. The follower then sets the request's
    /// <see cref="Request.Depth"/> (one below the sitemap) and <see cref="Request.LastModified"/> (the entry's lastmod).
    /// Default: every URL, to <see cref="Spider.DefaultCallback"/>.
    /// </summary>
    public Func<SitemapEntry, Request?> RequestFor { get; init; } = entry => new Request(entry.Location);

    /// <summary>Which child sitemaps of an index to fetch (Scrapy's <c>sitemap_follow</c>). Default: all.</summary>
    public Func<SitemapEntry, bool> FollowSitemap { get; init; } = _ => true;

    public SitemapLimits Limits { get; init; } = SitemapLimits.Default;

    /// <summary>Options whose <see cref="RequestFor"/> sends each URL to the callback of the first rule it matches and skips URLs no rule matches.</summary>
    public static SitemapFollowOptions FromRules(IReadOnlyList<SitemapRule> rules) => new()
    {
        RequestFor = entry =>
        {
            var url = entry.Location.AbsoluteUri;
            return rules.FirstOrDefault(rule => rule.Pattern.IsMatch(url)) is { } rule ? new Request(entry.Location, rule.Callback) : null;
        },
    };
}
