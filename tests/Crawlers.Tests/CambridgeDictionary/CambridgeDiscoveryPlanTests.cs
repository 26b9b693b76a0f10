using Crawler.Abstractions.Politeness;
using Crawlers.CambridgeDictionary;
using Xunit;

namespace Crawlers.Tests.CambridgeDictionary;

public sealed class CambridgeDiscoveryPlanTests
{
    private static readonly Uri Root = new("https://dictionary.cambridge.org/");

    private const string LiveRules = "User-agent: *\nDisallow: /browse/\nDisallow: /search/\nDisallow: /autocomplete/\nAllow: /dictionary/\n";

    private static CambridgeDiscoveryPlan Choose(RobotsTxt? robots, CambridgeSettings? settings = null) =>
        CambridgeDiscoveryPlan.Choose(settings ?? new CambridgeSettings(), Root, robots, "AudioCrawl");

    [Fact]
    public void Auto_uses_the_word_list_when_one_is_given_whatever_robots_txt_says()
    {
        var plan = Choose(RobotsTxt.Parse(LiveRules), new CambridgeSettings { Words = ["work"] });

        Assert.Equal(CambridgeDiscovery.Words, plan.Discovery);
        Assert.Contains("word list", plan.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Auto_under_the_live_rules_without_sitemap_lines_probes_the_numbered_sitemaps()
    {
        var plan = Choose(RobotsTxt.Parse(LiveRules));

        Assert.Equal(CambridgeDiscovery.Sitemap, plan.Discovery);
        Assert.Empty(plan.Sitemaps);
        Assert.False(plan.Blocked);
        Assert.Contains("robots.txt disallows /browse/english/", plan.Reason, StringComparison.Ordinal);
        Assert.Contains("/sitemap/english/sitemap1.xml", plan.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Auto_under_the_live_rules_starts_from_the_sitemap_lines_of_the_chosen_dictionary_only()
    {
        var robots = RobotsTxt.Parse(LiveRules +
            "Sitemap: https://dictionary.cambridge.org/sitemap/english/sitemap.xml\n" +
            "Sitemap: https://dictionary.cambridge.org/sitemap/english-chinese-simplified/sitemap1.xml\n" +
            "Sitemap: https://dictionary.cambridge.org/sitemap.xml\n");

        var plan = Choose(robots);

        Assert.Equal(CambridgeDiscovery.Sitemap, plan.Discovery);
        Assert.Equal(["https://dictionary.cambridge.org/sitemap/english/sitemap.xml"], plan.Sitemaps.Select(u => u.AbsoluteUri));
        Assert.Contains("1 robots.txt Sitemap line", plan.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Auto_browses_where_robots_txt_allows_it_or_is_not_obeyed()
    {
        var permissive = Choose(RobotsTxt.Parse("User-agent: *\nDisallow: /search/\n"));
        var ignored = Choose(robots: null);

        Assert.Equal((CambridgeDiscovery.Browse, false), (permissive.Discovery, permissive.Blocked));
        Assert.Contains("allows /browse/english/", permissive.Reason, StringComparison.Ordinal);
        Assert.Equal(CambridgeDiscovery.Browse, ignored.Discovery);
        Assert.Contains("obeyRobotsTxt=false", ignored.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_explicit_browse_under_the_live_rules_is_kept_but_flagged_as_blocked()
    {
        var plan = Choose(RobotsTxt.Parse(LiveRules), new CambridgeSettings { Discovery = CambridgeDiscovery.Browse });

        Assert.Equal((CambridgeDiscovery.Browse, true), (plan.Discovery, plan.Blocked));
        Assert.Contains("discovery=sitemap", plan.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_explicit_sitemap_discovery_applies_even_where_browsing_is_allowed()
    {
        var plan = Choose(RobotsTxt.Parse("User-agent: *\nDisallow:\n"), new CambridgeSettings { Discovery = CambridgeDiscovery.Sitemap, Dictionary = "english-chinese-simplified" });

        Assert.Equal(CambridgeDiscovery.Sitemap, plan.Discovery);
        Assert.Equal("https://dictionary.cambridge.org/sitemap/english-chinese-simplified/sitemap3.xml",
            CambridgeDiscoveryPlan.NumberedSitemap(Root, "english-chinese-simplified", 3).AbsoluteUri);
    }
}
