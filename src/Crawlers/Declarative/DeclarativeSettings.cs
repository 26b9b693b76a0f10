using System.ComponentModel;
using Crawler.Abstractions.Configuration;

namespace Crawlers.Declarative;

/// <summary>A spider in configuration: where to start, which links to follow, how pages become pairs, and the "next page" link.</summary>
public sealed record DeclarativeSettings : IValidatableSettings
{
    [Description("Relative start URLs resolve against this root (so a mirror is one --set baseUrl=... away).")]
    public Uri? BaseUrl { get; init; }

    [Description("Where the crawl starts: absolute URLs, or relative to baseUrl.")]
    public IReadOnlyList<string> StartUrls { get; init; } = [];

    [Description("Sitemaps to start from (Scrapy's sitemap_urls): absolute URLs, relative to baseUrl, or \"robots\" for the Sitemap: lines of baseUrl's robots.txt.")]
    public IReadOnlyList<string> Sitemaps { get; init; } = [];

    [Description("Which sitemap URLs to fetch and their item rules, first match wins (Scrapy's sitemap_rules); URLs no rule matches are skipped.")]
    public IReadOnlyList<SitemapItemRule> SitemapRules { get; init; } = [];

    [Description("Regular expressions; when any is given, only the child sitemaps of an index that match one are fetched (Scrapy's sitemap_follow).")]
    public IReadOnlyList<string> SitemapFollow { get; init; } = [];

    [Description("The item rule for the start pages themselves; none to extract nothing from them.")]
    public string? StartItems { get; init; }

    [Description("Link rules, applied in order to the start pages and to every page reached by a rule that follows.")]
    public IReadOnlyList<FollowRule> Follow { get; init; } = [];

    [Description("Item rules by name, referred to by follow rules and startItems.")]
    public IReadOnlyList<ItemRule> Items { get; init; } = [];

    [Description("The \"next page\" link (attribute href unless set); its page is treated like the page it was found on.")]
    public NodeSelector? Next { get; init; }

    public IEnumerable<string> Validate() => new DeclarativeSettingsValidator(this).Problems();
}
