using AudioCrawl.Testing;
using Crawler.Abstractions.Scheduling;
using Crawler.Core.Configuration;
using Crawler.Core.Engine;
using Crawler.Core.Runs;
using Crawler.Core.Scheduling;
using Crawler.Core.Spiders;
using Crawler.Core.Tests.Engine;
using Xunit;

namespace Crawler.Core.Tests.Sitemaps;

public sealed class SitemapCrawlTests : IAsyncLifetime
{
    private static readonly SpiderRegistry Registry = new([typeof(WordSitemapSpider).Assembly]);
    private LoopbackServer _server = null!;
    private SitemapSite _site = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackServer.StartAsync();
        _site = new SitemapSite(_server);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static CrawlPlan Plan(params (string Key, string Value)[] settings)
    {
        var overrides = settings.Select(s => new KeyValuePair<string, string>(s.Key, s.Value)).ToList();
        overrides.Add(new("delay", "0"));
        return new CrawlPlanner(Registry, CrawlerConfig.Empty).Plan("word-sitemaps", overrides);
    }

    private static async Task<CrawlResult> RunAsync(CrawlPlan plan, RecordingSink sink, IFrontier? frontier = null) =>
        await TestCrawl.RunAsync(plan, [sink], host =>
        {
            if (frontier is not null)
                host.AddFrontier(frontier);
        });

    private static IEnumerable<(Uri, DateTimeOffset?)> Undated(params Uri[] urls) => urls.Select(u => (u, (DateTimeOffset?)null));

    private static string[] Texts(RecordingSink sink) => sink.Pairs.Select(p => p.Text).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task Follows_an_index_to_plain_gzip_file_and_gzip_encoded_url_sets_and_fetches_each_word_once()
    {
        var gzFile = _site.GzipFile("/sitemaps/words-1.xml.gz", SitemapSite.UrlSet(Undated(_site.Word("able"), _site.Word("bake"))));
        var encoded = _site.GzipEncoded("/sitemaps/words-2.xml", SitemapSite.UrlSet(Undated(_site.Word("calm"))));
        var plain = _site.Xml("/sitemaps/words-3.xml", SitemapSite.UrlSet(Undated(_site.Word("dawn"), _server.Url("/about"))));
        var index = _site.Xml("/sitemap.xml", SitemapSite.Index(Undated(gzFile, encoded, plain)));
        var sink = new RecordingSink();

        var result = await RunAsync(Plan(("sitemaps", index.AbsoluteUri)), sink);

        Assert.Equal(CrawlOutcome.Finished, result.Outcome);
        Assert.Equal(["able", "bake", "calm", "dawn"], Texts(sink));
        Assert.All(["/word/able", "/word/bake", "/word/calm", "/word/dawn", "/sitemaps/words-1.xml.gz"], path => Assert.Equal(1, _server.Hits(path)));
        Assert.Equal(0, _server.Hits("/about"));
        Assert.Equal(4, result.Stats.Counters["sitemap/files"]);
        Assert.Equal(3, result.Stats.Counters["sitemap/sitemaps"]);
        Assert.Equal(4, result.Stats.Counters["sitemap/urls"]);
        Assert.Equal(1, result.Stats.Counters["sitemap/skipped"]);
    }

    [Fact]
    public async Task A_malformed_an_oversized_and_a_DTD_bomb_sitemap_are_counted_and_the_crawl_goes_on()
    {
        var broken = _site.Xml("/sitemaps/broken.xml", SitemapSite.UrlSet(Undated(_site.Word("lost")))[..120]);
        var cut = SitemapSite.UrlSet(Undated(_site.Word("before"), _site.Word("after")));
        var breaksOff = _site.Xml("/sitemaps/breaks-off.xml", cut.Insert(cut.IndexOf("/word/after", StringComparison.Ordinal), "&"));
        var huge = _site.GzipFile("/sitemaps/huge.xml.gz", SitemapSite.UrlSet(Undated(Enumerable.Range(0, 50_001).Select(i => _server.Url($"/word/w{i}")).ToArray())));
        var bomb = _site.Xml("/sitemaps/bomb.xml", """
            <?xml version="1.0"?>
            <!DOCTYPE urlset [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://127.0.0.1/&c;</loc></url></urlset>
            """);
        var good = _site.Xml("/sitemaps/good.xml", SitemapSite.UrlSet(Undated(_site.Word("kept"))));
        var index = _site.Xml("/sitemap.xml", SitemapSite.Index(Undated(broken, breaksOff, huge, bomb, good)));
        var sink = new RecordingSink();

        var result = await RunAsync(Plan(("sitemaps", index.AbsoluteUri)), sink);

        Assert.Equal(CrawlOutcome.Finished, result.Outcome);
        Assert.Equal(["before", "kept"], Texts(sink));
        Assert.Equal(2, result.Stats.Counters["sitemap/malformed"]);
        Assert.Equal(1, result.Stats.Counters["sitemap/too_many_urls"]);
        Assert.Equal(1, result.Stats.Counters["sitemap/dtd_refused"]);
        Assert.Equal(6, result.Stats.Counters["sitemap/files"]);
        Assert.Equal(0, _server.Hits("/word/lost"));
        Assert.Equal(0, _server.Hits("/word/after"));
        Assert.Equal(0, _server.Hits("/word/w0"));
    }

    [Fact]
    public async Task Robots_txt_sitemap_lines_feed_the_crawl_and_disallowed_or_offsite_entries_are_never_fetched()
    {
        var offsite = new Uri(_server.SecondHostUrl, "/word/elsewhere");
        var sitemap = _site.Xml("/sitemap-words.xml", SitemapSite.UrlSet(Undated(_site.Word("open"), _site.Word("secret"), offsite)));
        _server.Robots($"User-agent: *\nDisallow: /word/secret\n\nSitemap: {sitemap}\n");
        var sink = new RecordingSink();

        var result = await RunAsync(Plan(("robotsOf", _server.BaseUrl.AbsoluteUri)), sink);

        Assert.Equal(["open"], Texts(sink));
        Assert.Equal(0, _server.Hits("/word/secret"));
        Assert.DoesNotContain(_server.Log, r => r.PathAndQuery == "/word/elsewhere");
        Assert.Equal(1, result.Stats.RequestsDroppedByReason[RequestDropReasons.Robots]);
        Assert.Equal(1, result.Stats.RequestsDroppedByReason[RequestDropReasons.Offsite]);
    }

    [Fact]
    public async Task Without_obeying_robots_txt_the_spider_reads_its_sitemap_lines_from_an_ordinary_request()
    {
        var sitemap = _site.Xml("/sitemap-words.xml", SitemapSite.UrlSet(Undated(_site.Word("open"))));
        _server.Robots($"User-agent: *\nDisallow: /\nSitemap: {sitemap}\n");
        var sink = new RecordingSink();

        await RunAsync(Plan(("robotsOf", _server.BaseUrl.AbsoluteUri), ("obeyRobotsTxt", "false")), sink);

        Assert.Equal(["open"], Texts(sink));
        Assert.Equal(1, _server.Hits("/robots.txt"));
    }

    [Fact]
    public async Task A_robots_txt_that_cannot_be_read_is_counted_and_nothing_is_fetched()
    {
        _server.Text("/robots.txt", "unavailable", status: 503);
        _site.Xml("/sitemap-words.xml", SitemapSite.UrlSet(Undated(_site.Word("open"))));

        var result = await RunAsync(Plan(("robotsOf", _server.BaseUrl.AbsoluteUri), ("retries", "0")), new RecordingSink());

        Assert.Equal(1, result.Stats.Counters["sitemap/robots_txt_unavailable"]);
        Assert.Equal(0, _server.Hits("/sitemap-words.xml"));
    }

    [Fact]
    public async Task Only_the_child_sitemaps_the_spider_follows_are_fetched()
    {
        var nouns = _site.Xml("/sitemaps/nouns.xml", SitemapSite.UrlSet(Undated(_site.Word("tree"))));
        var verbs = _site.Xml("/sitemaps/verbs.xml", SitemapSite.UrlSet(Undated(_site.Word("run"))));
        var index = _site.Xml("/sitemap.xml", SitemapSite.Index(Undated(nouns, verbs)));
        var sink = new RecordingSink();

        var result = await RunAsync(Plan(("sitemaps", index.AbsoluteUri), ("followPattern", "nouns")), sink);

        Assert.Equal(["tree"], Texts(sink));
        Assert.Equal(0, _server.Hits("/sitemaps/verbs.xml"));
        Assert.Equal(1, result.Stats.Counters["sitemap/not_followed"]);
    }

    [Fact]
    public async Task An_incremental_run_fetches_again_only_the_entries_whose_lastmod_is_after_their_last_fetch()
    {
        using var temp = new TempDirectory();
        await using var state = await SpiderState.OpenAsync(temp.Path);
        var longAgo = DateTimeOffset.UtcNow.AddYears(-1);
        Uri[] words = [_site.Word("same"), _site.Word("edited"), _site.Word("undated")];
        var child = _site.Xml("/sitemaps/words.xml", SitemapSite.UrlSet([(words[0], longAgo), (words[1], longAgo), (words[2], null)]));
        var index = _site.Xml("/sitemap.xml", SitemapSite.Index([(child, longAgo)]));
        var weekly = TimeSpan.FromDays(7);
        await RunAsync(Plan(("sitemaps", index.AbsoluteUri)), new RecordingSink(), new RecrawlFrontier(new InMemoryFrontier(), state, weekly, TimeProvider.System));
        var added = _site.Word("added");
        _site.Xml("/sitemaps/words.xml", SitemapSite.UrlSet([(words[0], longAgo), (words[1], DateTimeOffset.UtcNow.AddMinutes(1)), (words[2], null), (added, longAgo)]));
        var second = new RecrawlFrontier(new InMemoryFrontier(), state, weekly, TimeProvider.System);

        var sink = new RecordingSink();
        await RunAsync(Plan(("sitemaps", index.AbsoluteUri)), sink, second);

        Assert.Equal(["added", "edited"], Texts(sink));
        Assert.Equal(1, _server.Hits("/word/same"));
        Assert.Equal(1, _server.Hits("/word/undated"));
        Assert.Equal(2, _server.Hits("/word/edited"));
        Assert.Equal(2, _server.Hits("/sitemaps/words.xml"));
        Assert.Equal(1, second.SkippedUnchanged);
        Assert.Equal(2, second.Skipped);
    }
}
