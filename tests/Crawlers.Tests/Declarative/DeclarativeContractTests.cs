using AudioCrawl.Testing;
using Crawler.Core.Configuration;
using Crawler.Core.Engine;
using Crawler.Core.Spiders;
using Crawlers.Declarative;
using Xunit;

namespace Crawlers.Tests.Declarative;

/// <summary>Declarative rules declare their contracts: pages with items should yield pairs, follow-only pages links.</summary>
public sealed class DeclarativeContractTests : IAsyncLifetime
{
    private static readonly SpiderRegistry Registry = new([typeof(DeclarativeSpider).Assembly]);
    private readonly CapturedLogs _logs = new();
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>/ links to /shelf (follow only), which links to the episode pages; <paramref name="withAudio"/> of them have audio.</summary>
    private void Publish(int episodes, int withAudio, bool shelfHasLinks = true)
    {
        _server.Page("/", "<html><body><nav><a class=\"shelf\" href=\"/shelf\">all episodes</a></nav></body></html>");
        var links = shelfHasLinks ? string.Concat(Enumerable.Range(0, episodes).Select(i => $"<a class=\"ep\" href=\"/ep/{i}\">{i}</a>")) : "<p>Loading…</p>";
        _server.Page("/shelf", $"<html><body>{links}</body></html>");
        for (var i = 0; i < episodes; i++)
        {
            var audio = i < withAudio ? $"<audio src=\"/audio/{i}.mp3\"></audio>" : $"<div class=\"player\" data-src=\"/audio/{i}.mp3\"></div>";
            _server.Page($"/ep/{i}", $"<html><body><h1>Episode {i}</h1>{audio}</body></html>");
        }
    }

    private async Task<CrawlResult> CrawlAsync(string episodeRule = "", string shelfRule = "")
    {
        var config = CrawlerConfig.Parse($$"""
            { "spiders": { "show": {
                "type": "declarative", "baseUrl": "{{_server.BaseUrl}}", "startUrls": ["/"], "delay": 0, "concurrency": 1,
                "follow": [
                  { "name": "shelf", "links": { "css": "a.shelf" }{{shelfRule}} },
                  { "name": "episodes", "links": { "css": "a.ep" }, "items": "episode" }
                ],
                "items": [ { "name": "episode", "audio": { "css": "audio" }, "text": { "css": "h1" }{{episodeRule}} } ]
            } } }
            """, "crawlers.json");
        var plan = new CrawlPlanner(Registry, config).Plan("show", []);
        return await TestCrawl.RunAsync(plan, [new CollectingSink()], loggers: _logs);
    }

    [Fact]
    public async Task Pages_of_an_item_rule_that_yield_no_pair_fail_the_contract_of_the_follow_rule_that_reached_them()
    {
        Publish(episodes: 8, withAudio: 2);

        var result = await CrawlAsync();

        Assert.Equal(CrawlOutcome.Empty, result.Outcome);
        var episodes = Assert.Single(result.FoundNothing!.FailedContracts);
        Assert.Equal("episodes", episodes.Callback);
        Assert.Equal(6, episodes.Failures);
        Assert.Equal(6, result.Stats.Counters["contract/show/episodes"]);
        Assert.Equal(1, result.Stats.Counters["contract/show/shelf/pages"]);
        Assert.Equal(1, result.Stats.Counters["contract/show/startUrls/pages"]);
        Assert.Contains(_logs.Entries, e => e.Message.Contains("episodes yielded nothing on", StringComparison.Ordinal) && e.Message.Contains("/ep/2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_item_rule_with_expect_false_declares_no_contract()
    {
        Publish(episodes: 8, withAudio: 2);

        var result = await CrawlAsync(episodeRule: """, "expect": false""");

        Assert.Equal(CrawlOutcome.Finished, result.Outcome);
        Assert.DoesNotContain(result.Contracts, c => c.Callback == "episodes");
    }

    [Fact]
    public async Task A_follow_only_page_that_yields_no_link_fails_its_contract_unless_the_rule_says_expect_false()
    {
        Publish(episodes: 0, withAudio: 0, shelfHasLinks: false);

        var expected = await CrawlAsync();
        var optedOut = await CrawlAsync(shelfRule: """, "expect": false""");

        Assert.Equal(1, expected.Contracts.Single(c => c.Callback == "shelf").Failures);
        Assert.DoesNotContain(optedOut.Contracts, c => c.Callback == "shelf");
        Assert.Equal(CrawlOutcome.Empty, optedOut.Outcome); // it still fetched pages and found no pair
    }
}
