using Crawler.Abstractions.Politeness;
using Xunit;

namespace Crawler.Core.Tests.Politeness;

public sealed class RobotsTxtTests
{
    // RFC 9309, section 5.1 ("Simple Example").
    private const string SimpleExample = """
        User-Agent: *
        Disallow: *.gif$
        Disallow: /example/
        Allow: /publications/

        User-Agent: foobot
        Disallow:/
        Allow:/example/page.html
        Allow:/example/allowed.gif

        User-Agent: barbot
        User-Agent: bazbot
        Disallow: /example/page.html

        User-Agent: quxbot

        EOF
        """;

    private static bool Allowed(string robots, string agent, string path) =>
        RobotsTxt.Parse(robots).IsAllowed(new Uri("http://www.example.com" + path), agent);

    [Theory]
    [InlineData("foobot", "/example/page.html", true)]
    [InlineData("foobot", "/example/allowed.gif", true)]
    [InlineData("foobot", "/example/other.html", false)]
    [InlineData("foobot", "/", false)]
    [InlineData("FooBot", "/example/page.html", true)]
    [InlineData("barbot", "/example/page.html", false)]
    [InlineData("bazbot", "/example/page.html", false)]
    [InlineData("barbot", "/example/allowed.gif", true)]
    [InlineData("quxbot", "/example/page.html", true)]
    [InlineData("quxbot", "/anything.gif", true)]
    [InlineData("otherbot", "/example/page.html", false)]
    [InlineData("otherbot", "/images/cat.gif", false)]
    [InlineData("otherbot", "/images/cat.gif?x=1", true)]
    [InlineData("otherbot", "/publications/list", true)]
    [InlineData("otherbot", "/index.html", true)]
    public void Follows_the_simple_example_of_RFC_9309(string agent, string path, bool allowed) =>
        Assert.Equal(allowed, Allowed(SimpleExample, agent, path));

    [Theory]
    [InlineData("/example/page/", true)]
    [InlineData("/example/page/other", true)]
    [InlineData("/example/page/disallowed.gif", false)]
    public void The_longest_match_wins_as_in_RFC_9309_section_5_2(string path, bool allowed)
    {
        const string robots = """
            User-Agent: foobot
            Allow: /example/page/
            Disallow: /example/page/disallowed.gif
            """;
        Assert.Equal(allowed, Allowed(robots, "foobot", path));
    }

    [Fact]
    public void Allow_wins_a_tie_between_rules_of_equal_length()
    {
        const string robots = "User-agent: *\nDisallow: /page\nAllow: /page\n";
        Assert.True(Allowed(robots, "AudioCrawl", "/page"));
    }

    [Theory]
    [InlineData("/foo/bar?baz=quz", "/foo/bar?baz=quz", false)]
    [InlineData("/foo/bar/ツ", "/foo/bar/%E3%83%84", false)]
    [InlineData("/foo/bar/%E3%83%84", "/foo/bar/%E3%83%84", false)]
    [InlineData("/foo/bar/%62%61%7A", "/foo/bar/baz", false)]
    [InlineData("/foo/bar/baz", "/foo/bar/%62%61%7A", false)]
    [InlineData("/foo/bar/baz", "/foo/bar/qux", true)]
    public void Compares_percent_encoded_and_plain_forms_as_in_RFC_9309_section_2_2_2(string rule, string path, bool allowed) =>
        Assert.Equal(allowed, Allowed($"User-agent: *\nDisallow: {rule}\n", "AudioCrawl", path));

    [Theory]
    [InlineData("/this/*/example", "/this/path/is/an/example", false)]
    [InlineData("/this/*/example", "/this/example", true)]
    [InlineData("/path$", "/path", false)]
    [InlineData("/path$", "/path/", true)]
    [InlineData("/path$", "/path?q=1", true)]
    [InlineData("/*.php$", "/index.php", false)]
    [InlineData("/*.php$", "/index.php5", true)]
    [InlineData("/fish*", "/fishheads/yummy.html", false)]
    [InlineData("/fish", "/Fish.asp", true)]
    [InlineData("/*?", "/page?x", false)]
    [InlineData("/*?", "/page", true)]
    public void Understands_the_star_and_dollar_special_characters(string rule, string path, bool allowed) =>
        Assert.Equal(allowed, Allowed($"User-agent: *\nDisallow: {rule}\n", "AudioCrawl", path));

    [Fact]
    public void Picks_our_product_token_from_the_user_agent_header_and_merges_groups_that_name_it()
    {
        const string robots = """
            user-agent: audiocrawl/2.0
            disallow: /a

            user-agent: *
            disallow: /

            USER-AGENT: AudioCrawl
            Disallow: /b
            Crawl-delay: 2.5
            """;
        var parsed = RobotsTxt.Parse(robots);
        var token = RobotsTxt.ProductToken("AudioCrawl/0.1 (+https://github.com/audiocrawl/audiocrawl)");

        Assert.Equal("AudioCrawl", token);
        Assert.False(parsed.IsAllowed(new Uri("http://x.test/a"), token));
        Assert.False(parsed.IsAllowed(new Uri("http://x.test/b"), token));
        Assert.True(parsed.IsAllowed(new Uri("http://x.test/c"), token));
        Assert.Equal(2.5, parsed.CrawlDelayFor(token));
        Assert.False(parsed.IsAllowed(new Uri("http://x.test/c"), "OtherBot"));
    }

    [Fact]
    public void Ignores_comments_garbage_and_rules_before_any_group_and_collects_sitemaps_anywhere()
    {
        const string robots = """
            Disallow: /orphan
            Sitemap: https://www.example.com/sitemap.xml # main
            this line is nonsense
            User-agent: * # everyone
            Disallow: /private/ # keep out
            Allow:
            Sitemap: /relative-sitemap.xml
            """;
        var parsed = RobotsTxt.Parse(robots, new Uri("https://www.example.com/robots.txt"));

        Assert.True(parsed.IsAllowed(new Uri("https://www.example.com/orphan"), "AudioCrawl"));
        Assert.False(parsed.IsAllowed(new Uri("https://www.example.com/private/x"), "AudioCrawl"));
        Assert.Equal([new Uri("https://www.example.com/sitemap.xml"), new Uri("https://www.example.com/relative-sitemap.xml")], parsed.Sitemaps);
    }

    [Fact]
    public void Always_allows_robots_txt_itself_and_nothing_else_when_robots_txt_is_unavailable()
    {
        Assert.True(RobotsTxt.DisallowAll.IsAllowed(new Uri("http://x.test/robots.txt"), "AudioCrawl"));
        Assert.False(RobotsTxt.DisallowAll.IsAllowed(new Uri("http://x.test/"), "AudioCrawl"));
        Assert.True(RobotsTxt.AllowAll.IsAllowed(new Uri("http://x.test/anything"), "AudioCrawl"));
    }

    [Fact]
    public void A_hostile_pattern_with_many_stars_is_matched_quickly()
    {
        var robots = "User-agent: *\nDisallow: /" + string.Concat(Enumerable.Repeat("*a", 200)) + "b$\n";
        var path = "/" + new string('a', 5000);
        Assert.True(Allowed(robots, "AudioCrawl", path));
    }
}
