using AudioCrawl.Testing;
using Crawler.Core.Configuration;
using Crawler.Core.Engine;
using Crawler.Core.Spiders;
using Crawlers.Declarative;
using Xunit;

namespace Crawlers.Tests.Declarative;

public sealed class DeclarativeSitemapTests
{
    private static readonly SpiderRegistry Registry = new([typeof(DeclarativeSpider).Assembly]);

    private const string WordItems = """
        "items": [ { "name": "word", "audio": { "css": "audio source" }, "text": { "css": "h1" } },
                   { "name": "page", "audio": { "css": "audio source" }, "text": { "css": "h1" } } ]
        """;

    private static CrawlPlan Plan(string entry, params (string Key, string Value)[] overrides)
    {
        var config = CrawlerConfig.Parse($$"""{ "spiders": { "words": { "type": "declarative", "delay": 0, {{entry}} } } }""", "crawlers.json");
        return new CrawlPlanner(Registry, config).Plan("words", overrides.Select(o => new KeyValuePair<string, string>(o.Key, o.Value)));
    }

    private static async Task<(CrawlResult Result, string[] Texts)> CrawlAsync(CrawlPlan plan)
    {
        var sink = new CollectingSink();
        var result = await TestCrawl.RunAsync(plan, [sink]);
        return (result, sink.Pairs.Select(p => p.Text).Order(StringComparer.Ordinal).ToArray());
    }

    private static IEnumerable<(Uri, DateTimeOffset?)> Undated(params Uri[] urls) => urls.Select(u => (u, (DateTimeOffset?)null));

    [Fact]
    public async Task Starts_from_robots_txt_and_listed_sitemaps_and_maps_their_urls_to_item_rules()
    {
        await using var server = await LoopbackServer.StartAsync();
        var site = new SitemapSite(server);
        var words = site.GzipFile("/sitemaps/words-1.xml.gz", SitemapSite.UrlSet(Undated(site.Word("able"), site.Word("bake"), server.Url("/about"))));
        var news = site.Xml("/sitemaps/news.xml", SitemapSite.UrlSet(Undated(site.Word("headline"))));
        var index = site.Xml("/sitemap_index.xml", SitemapSite.Index(Undated(words, news)));
        server.Robots($"User-agent: *\nDisallow: /word/private\nSitemap: {index}\n");
        site.Xml("/extra.xml", SitemapSite.UrlSet(Undated(site.Word("extra"), site.Word("private-one"))));
        server.Page("/pages/intro", """<h1>intro</h1><audio><source src="/audio/intro.mp3"></audio>""");
        site.Xml("/pages.xml", SitemapSite.UrlSet(Undated(server.Url("/pages/intro"))));
        var plan = Plan($$"""
            "baseUrl": "{{server.BaseUrl}}",
            "sitemaps": ["robots", "/extra.xml", "pages.xml"],
            "sitemapRules": [ { "pattern": "/word/", "items": "word" }, { "pattern": "/pages/", "items": "page" } ],
            "sitemapFollow": ["/words-"],
            {{WordItems}}
            """);

        var (result, texts) = await CrawlAsync(plan);

        Assert.Equal(CrawlOutcome.Finished, result.Outcome);
        Assert.Equal(["able", "bake", "extra", "intro"], texts);
        Assert.Equal(0, server.Hits("/sitemaps/news.xml"));
        Assert.Equal(0, server.Hits("/about"));
        Assert.Equal(0, server.Hits("/word/private-one"));
        Assert.Equal(1, result.Stats.Counters["sitemap/not_followed"]);
        Assert.Equal(1, result.Stats.Counters["sitemap/skipped"]);
    }

    [Fact]
    public async Task A_sitemap_rule_with_follow_also_applies_the_follow_rules_on_its_pages()
    {
        await using var server = await LoopbackServer.StartAsync();
        var site = new SitemapSite(server);
        site.Word("related");
        server.Page("/word/hub", """<h1>hub</h1><audio><source src="/audio/hub.mp3"></audio><a class="see-also" href="/word/related">related</a>""");
        site.Xml("/sitemap.xml", SitemapSite.UrlSet(Undated(server.Url("/word/hub"))));
        var plan = Plan($$"""
            "baseUrl": "{{server.BaseUrl}}", "sitemaps": ["/sitemap.xml"],
            "sitemapRules": [ { "pattern": "/word/", "items": "word", "follow": true } ],
            "follow": [ { "name": "see-also", "links": { "css": "a.see-also" }, "items": "word" } ],
            {{WordItems}}
            """);

        var (_, texts) = await CrawlAsync(plan);

        Assert.Equal(["hub", "related"], texts);
    }

    public static TheoryData<string, string> BadSitemapSettings => new()
    {
        { """ "sitemaps": ["/s.xml"], "sitemapRules": [ { "pattern": "(word", "items": "word" } ] """, "spiders.words.sitemapRules: sitemapRules[0] '(word': pattern is not a valid regular expression" },
        { """ "sitemaps": ["/s.xml"], "sitemapRules": [ { "pattern": "/word/", "items": "entry" } ] """, "sitemapRules[0] '/word/': items 'entry' names no item rule; item rules: word, page" },
        { """ "sitemaps": ["/s.xml"] """, "sitemapRules: the spider has sitemaps but no sitemap rule" },
        { """ "sitemaps": ["/s.xml"], "sitemapRules": [ { "pattern": "", "items": "word" } ], "sitemapFollow": ["[a-"] """, "sitemapFollow[0] '[a-' is not a valid regular expression" },
        { """ "startUrls": ["/"], "startItems": "word", "sitemapRules": [ { "pattern": "", "items": "word" } ] """, "sitemaps: sitemapRules or sitemapFollow are given but no sitemaps to start from" },
        { """ "sitemaps": ["ftp://x/s.xml"], "sitemapRules": [ { "pattern": "", "items": "word" } ] """, "sitemaps[0] 'ftp://x/s.xml' does not resolve to an http(s) URL" },
    };

    [Theory]
    [MemberData(nameof(BadSitemapSettings))]
    public void A_bad_sitemap_setting_is_an_error_naming_the_rule(string settings, string expected)
    {
        var error = Assert.Throws<ConfigurationException>(() => Plan($$""" "baseUrl": "http://127.0.0.1:9/", {{settings}}, {{WordItems}} """));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Robots_sitemaps_need_a_base_url()
    {
        var error = Assert.Throws<ConfigurationException>(() => Plan($$""" "sitemaps": ["robots"], "sitemapRules": [ { "pattern": "", "items": "word" } ], {{WordItems}} """));

        Assert.Contains("sitemaps[0] 'robots' reads the Sitemap: lines of baseUrl's robots.txt, but there is no baseUrl", error.Message);
    }
}
