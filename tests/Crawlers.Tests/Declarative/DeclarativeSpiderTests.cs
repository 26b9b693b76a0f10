using AudioCrawl.SampleSite.Podcast;
using AudioCrawl.SampleSite.TestSites.Scripted;
using AudioCrawl.Testing;
using Crawler.Abstractions.Spiders;
using Crawler.Core.Configuration;
using Crawler.Core.Engine;
using Crawler.Core.Spiders;
using Crawlers.Declarative;
using Xunit;

namespace Crawlers.Tests.Declarative;

public sealed class DeclarativeSpiderTests
{
    private static readonly SpiderRegistry Registry = new([typeof(DeclarativeSpider).Assembly]);

    private static CrawlPlan Plan(CrawlerConfig config, string name, params (string Key, string Value)[] overrides) =>
        new CrawlPlanner(Registry, config).Plan(name, overrides.Select(o => new KeyValuePair<string, string>(o.Key, o.Value)));

    private static CrawlerConfig Fixture() => CrawlerConfig.Load(DeclarativeFixtures.ConfigPath, pathWasGiven: true);

    private static async Task<(CrawlResult Result, IReadOnlyList<AudioPair> Pairs)> CrawlAsync(CrawlPlan plan)
    {
        var sink = new CollectingSink();
        var result = await TestCrawl.RunAsync(plan, [sink]);
        return (result, sink.Pairs);
    }

    [Fact]
    public async Task Crawls_listing_pages_and_their_detail_pages_from_a_crawlers_json_entry()
    {
        var site = new PodcastSite();
        await using var server = await LoopbackServer.StartAsync(site);
        var plan = Plan(Fixture(), "podcast", ("baseUrl", server.BaseUrl.AbsoluteUri), ("concurrency", "1"));

        var (result, pairs) = await CrawlAsync(plan);

        Assert.Equal(CrawlOutcome.Finished, result.Outcome);
        Assert.Equal("podcast", plan.Spider.Name);
        Assert.Equal(site.ExpectedPairs(server.BaseUrl), pairs.Select(p => (p.Url.AbsoluteUri, p.Text)));
        Assert.All(pairs, p => Assert.Equal(["podcast", "english"], p.Tags));
        var first = site.Episodes.First(e => e.HasAudio);
        Assert.Equal($"{first.Published:yyyy-MM-dd}T09:00:00+00:00", pairs[0].OriginalData!["published"]!.GetValue<string>());
        Assert.Equal(site.Pages + site.Episodes.Count, server.AllHits.Where(h => !h.Key.StartsWith("/robots", StringComparison.Ordinal)).Sum(h => h.Value));
        Assert.Equal(site.Episodes.Count(e => !e.HasAudio), plan.Spider.Context.Stats.Custom["podcast/episode/no_audio"]);
    }

    [Fact]
    public async Task Over_plain_http_a_script_rendered_list_yields_nothing()
    {
        await using var server = await LoopbackServer.StartAsync(new ScriptedSite());
        var plan = Plan(Fixture(), "scripted-library", ("baseUrl", server.BaseUrl.AbsoluteUri));

        var (_, pairs) = await CrawlAsync(plan);

        Assert.Empty(pairs);
        Assert.Equal(1, server.Hits("/library"));
        Assert.Equal(0, server.Hits("/api/sounds"));
    }

    [Fact]
    public async Task Follow_rules_respect_allow_deny_and_their_max_depth()
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Page("/", """<a class="x" href="/a/1">1</a><a class="x" href="/b/2">2</a><a class="x" href="/a/skip">skip</a>""");
        server.Page("/a/1", """<a class="x" href="/a/3">3</a><audio src="/1.wav"></audio><h1>one</h1>""");
        server.Page("/a/3", """<audio src="/3.wav"></audio><h1>three</h1>""");
        var config = CrawlerConfig.Parse($$"""
            { "spiders": { "rules": { "type": "declarative", "startUrls": ["{{server.BaseUrl}}"], "delay": 0,
              "follow": [ { "name": "a", "links": { "css": "a.x" }, "allow": ["/a/"], "deny": ["skip"], "maxDepth": 1, "items": "page", "follow": true } ],
              "items": [ { "name": "page", "audio": { "xpath": "//audio" }, "text": { "css": "h1" } } ] } } }
            """, "test.json");

        var (_, pairs) = await CrawlAsync(Plan(config, "rules"));

        Assert.Equal([(server.Url("/1.wav").AbsoluteUri, "one")], pairs.Select(p => (p.Url.AbsoluteUri, p.Text)));
        Assert.Equal(0, server.Hits("/b/2"));
        Assert.Equal(0, server.Hits("/a/skip"));
        Assert.Equal(0, server.Hits("/a/3"));
    }

    [Fact]
    public async Task A_scope_makes_each_matching_element_one_item_with_relative_xpath_fields()
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Page("/list", """
            <ul><li class="clip"><b>Rain &amp; thunder</b><audio src="/r.wav"></audio><i>2019</i></li>
                <li class="clip"><b>No audio here</b></li>
                <li class="clip"><b>Wind</b><audio src="w.wav"></audio></li></ul>
            """);
        var config = CrawlerConfig.Parse($$"""
            { "spiders": { "clips": { "type": "declarative", "baseUrl": "{{server.BaseUrl}}", "startUrls": ["list"], "startItems": "clip", "delay": 0,
              "items": [ { "name": "clip", "scope": { "xpath": "//li[@class='clip']" }, "audio": { "xpath": ".//audio" },
                           "text": { "xpath": ".//b" }, "tags": ["weather"], "originalData": { "year": { "xpath": ".//i" } } } ] } } }
            """, "test.json");
        var plan = Plan(config, "clips");

        var (_, pairs) = await CrawlAsync(plan);

        Assert.Equal([(server.Url("/r.wav").AbsoluteUri, "Rain & thunder"), (server.Url("/w.wav").AbsoluteUri, "Wind")], pairs.Select(p => (p.Url.AbsoluteUri, p.Text)));
        Assert.Equal("2019", pairs[0].OriginalData!["year"]!.GetValue<string>());
        Assert.Null(pairs[1].OriginalData!["year"]);
        Assert.Equal(1, plan.Spider.Context.Stats.Custom["clips/clip/no_audio"]);
    }

    public static TheoryData<string, string> BadRules => new()
    {
        { """ "follow": [ { "name": "episodes", "links": { "css": "h2.entry-title a[" } } ] """, "spiders.bad.follow: follow[0] 'episodes': links.css 'h2.entry-title a[' is not a valid CSS selector" },
        { """ "follow": [ { "name": "episodes", "links": { "xpath": "//a[@class=" } } ] """, "follow[0] 'episodes': links.xpath '//a[@class=' is not a valid XPath expression" },
        { """ "follow": [ { "name": "episodes", "links": { "css": "a" }, "allow": ["(unclosed"] } ] """, "follow[0] 'episodes': allow pattern '(unclosed' is not a valid regular expression" },
        { """ "follow": [ { "name": "episodes", "links": { "css": "a" }, "items": "episode" } ] """, "follow[0] 'episodes': items 'episode' names no item rule; item rules: (none)" },
        { """ "startItems": "s", "items": [ { "name": "s", "audio": { "css": "audio" }, "template": "{title} by {speaker}", "fields": { "title": { "css": "h1" } } } ] """, "items[0] 's': the template uses {speaker}, which is not one of its fields (title)" },
        { """ "startItems": "s", "items": [ { "name": "s", "scope": { "css": "li" }, "audio": { "xpath": ".//audio" }, "text": { "css": "b" } } ] """, "items[0] 's': audio.xpath './/audio' must be a CSS selector, because the scope is CSS" },
        { """ "startItems": "s", "items": [ { "name": "s", "audio": { "css": "audio", "xpath": "//audio" }, "text": { "css": "b" } } ] """, "items[0] 's': audio needs exactly one of \"css\" and \"xpath\"" },
        { """ "startItems": "s", "items": [ { "name": "s", "text": { "css": "b" } } ] """, "items[0] 's': needs \"audio\" (a selector of audio URLs) or \"networkAudio\": true" },
        { """ "next": { "css": ":::" } """, "next: css ':::' is not a valid CSS selector" },
        { """ "follow": [ { "name": "episodes", "linkz": { "css": "a" } } ] """, "spiders.bad.follow: at follow[0].linkz: The JSON property 'linkz' could not be mapped" },
    };

    [Theory]
    [MemberData(nameof(BadRules))]
    public void A_bad_rule_is_an_error_naming_the_rule_and_the_selector(string rules, string expected)
    {
        var config = CrawlerConfig.Parse($$"""{ "spiders": { "bad": { "type": "declarative", "startUrls": ["http://127.0.0.1:9/"], {{rules}} } } }""", "crawlers.json");

        var error = Assert.Throws<ConfigurationException>(() => Plan(config, "bad"));

        Assert.Contains(expected, error.Message);
        Assert.StartsWith("crawlers.json, spiders.bad.", error.Message);
    }

    [Fact]
    public void Relative_start_urls_need_a_base_url()
    {
        var config = CrawlerConfig.Parse("""{ "spiders": { "bad": { "type": "declarative", "startUrls": ["/library"], "startItems": "s", "items": [ { "name": "s", "networkAudio": true, "text": { "css": "h1" } } ] } } }""", "crawlers.json");

        var error = Assert.Throws<ConfigurationException>(() => Plan(config, "bad"));

        Assert.Contains("startUrls[0] '/library' is not an absolute http(s) URL, and there is no baseUrl to resolve it against", error.Message);
    }

    [Fact]
    public void The_fixture_config_binds_every_entry()
    {
        var config = Fixture();
        foreach (var name in config.Spiders.Keys)
            Assert.IsType<DeclarativeSpider>(Plan(config, name).Spider);
        Assert.Equal(Crawler.Abstractions.Http.FetcherKind.Browser, Plan(config, "scripted-player").Engine.Fetcher);
    }
}
