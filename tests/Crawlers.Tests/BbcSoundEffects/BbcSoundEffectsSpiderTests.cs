using AudioCrawl.SampleSite.BbcSoundEffects;
using AudioCrawl.Testing;
using Crawler.Core.Configuration;
using Crawler.Core.Engine;
using Crawlers.BbcSoundEffects;
using Xunit;

namespace Crawlers.Tests.BbcSoundEffects;

public sealed class BbcSoundEffectsSpiderTests
{
    private static (string, string)[] Bbc(LoopbackServer server, params (string, string)[] settings) =>
        [("apiBaseUrl", server.BaseUrl.AbsoluteUri), ("mediaBaseUrl", server.BaseUrl.AbsoluteUri), .. settings];

    [Fact]
    public async Task Pages_the_whole_catalogue_and_records_the_remarc_licence_with_every_description()
    {
        var site = new BbcSoundEffectsSite();
        await using var server = await LoopbackServer.StartAsync(site);

        var crawl = await SpiderCrawl.RunAsync("bbc-sfx", Bbc(server));

        Assert.Equal(CrawlOutcome.Finished, crawl.Result.Outcome);
        var expected = site.ExpectedPairs(server.BaseUrl);
        Assert.Equal(expected.ToHashSet(), crawl.UrlsAndTexts.ToHashSet());
        Assert.Equal(230, crawl.Pairs.Count);
        Assert.Equal(3, crawl.Counter("bbc-sfx/pages"));
        Assert.Equal(3, server.Log.Count(r => r.Method == "POST" && r.PathAndQuery == "/api/sfx/search"));
        var owl = crawl.Pairs.Single(p => p.Url.AbsolutePath == "/mp3/NHU05100007.mp3");
        Assert.Equal("Dog barking in the distance (take 7).", owl.Text);
        var data = owl.OriginalData!;
        Assert.Equal(BbcSoundEffectsSpider.License, (string?)data["license"]);
        Assert.Equal(BbcSoundEffectsSpider.Attribution, (string?)data["attribution"]);
        Assert.Equal("NHU05100007", (string?)data["id"]);
        Assert.Equal("Chris Watson", (string?)data["recordist"]);
        Assert.Equal(1.759, (double?)data["duration_seconds"]);
        Assert.Equal(["Nature", "mono"], owl.Tags);
        Assert.Equal("Nature", (string?)data["categories"]![0]);
    }

    [Fact]
    public async Task Lists_each_query_within_each_category_and_stops_at_the_result_window_with_a_warning()
    {
        var site = new BbcSoundEffectsSite { ResultWindow = 100 };
        await using var server = await LoopbackServer.StartAsync(site);

        var narrow = await SpiderCrawl.RunAsync("bbc-sfx", Bbc(server, ("queries", "train"), ("categories", "Transport,Animals"), ("pageSize", "10")));
        var wide = await SpiderCrawl.RunAsync("bbc-sfx", Bbc(server, ("pageSize", "40")));

        Assert.Equal(BbcSoundEffectsSite.ExpectedPairs(server.BaseUrl, site.Matching("train", "Transport")).ToHashSet(), narrow.UrlsAndTexts.ToHashSet());
        Assert.Equal(23, narrow.Pairs.Count);
        Assert.Equal(4, narrow.Counter("bbc-sfx/pages"));
        Assert.Equal(80, wide.Pairs.Count);
        Assert.Equal(1, wide.Counter("bbc-sfx/result_window_reached"));
        Assert.Contains(wide.Logs.Entries, e => e.Message.Contains("230 effects match, but the search API serves only the first 80; list by categories", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Answers_a_429_with_backoff_and_counts_a_malformed_answer_without_stopping()
    {
        var site = new BbcSoundEffectsSite { ThrottleSearchRequests = 1 };
        await using var server = await LoopbackServer.StartAsync(site);

        var crawl = await SpiderCrawl.RunAsync("bbc-sfx", Bbc(server, ("queries", $"{BbcSoundEffectsSite.GlitchQuery},kettle"), ("concurrency", "1")));

        Assert.Equal(CrawlOutcome.Finished, crawl.Result.Outcome);
        Assert.Equal(1, crawl.Counter("retry/http_429"));
        Assert.Equal(1, crawl.Counter("bbc-sfx/malformed"));
        Assert.Equal(BbcSoundEffectsSite.ExpectedPairs(server.BaseUrl, site.Matching("kettle", null)).ToHashSet(), crawl.UrlsAndTexts.ToHashSet());
        Assert.Contains(crawl.Logs.Entries, e => e.Message.Contains($"query '{BbcSoundEffectsSite.GlitchQuery}'", StringComparison.Ordinal) && e.Message.Contains("the crawl goes on", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Calls_the_search_api_past_its_robots_txt_but_fetches_no_api_call_with_robots_strict()
    {
        var site = new BbcSoundEffectsSite();
        await using var server = await LoopbackServer.StartAsync(site);

        var strict = await SpiderCrawl.RunAsync("bbc-sfx", Bbc(server, ("obeyRobotsTxt", "strict")));

        Assert.Empty(strict.Pairs);
        Assert.Equal(1, strict.Result.Stats.RequestsDroppedByReason["robots"]);
        Assert.DoesNotContain(server.Log, r => r.PathAndQuery == "/api/sfx/search");
    }

    [Fact]
    public void Refuses_a_page_size_the_api_rejects()
    {
        var error = Assert.Throws<ConfigurationException>(() => SpiderCrawl.Plan("bbc-sfx", ("pageSize", "500")));
        Assert.Contains("pageSize must be between 1 and 100", error.Message);
    }
}
