using System.ComponentModel;

namespace Crawlers.Declarative;

/// <summary>
/// Which URLs of a sitemap to fetch and how their pages become pairs (Scrapy's <c>sitemap_rules</c>): the first rule
/// whose pattern matches a URL gives its page the item rule <see cref="Items"/>; a URL no rule matches is skipped.
/// </summary>
public sealed record SitemapItemRule
{
    [Description("A regular expression searched in the absolute URL of each sitemap entry.")]
    public string Pattern { get; init; } = "";

    [Description("The item rule that extracts pairs from the pages this rule matches.")]
    public string Items { get; init; } = "";

    [Description("Also apply the follow rules on the pages this rule matches.")]
    public bool Follow { get; init; }
}
