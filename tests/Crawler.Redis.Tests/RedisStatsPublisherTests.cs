using AudioCrawl.SampleSite.Sounds;
using AudioCrawl.Testing;
using Crawler.Core.Configuration;
using Crawler.Core.Engine;
using Crawler.Core.Spiders;
using Crawlers.SoundLibrary;
using Xunit;

namespace Crawler.Redis.Tests;

/// <summary>Stats publishing is a crawl extension that AddRedis registers: any host that joins a shared crawl publishes.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisStatsPublisherTests(RedisServer redis)
{
    [Fact]
    public async Task A_host_that_joins_a_shared_crawl_publishes_its_counters_while_crawling_and_its_final_ones_at_the_end()
    {
        var site = new SoundLibrarySite(new SoundCatalogue(30));
        await using var server = await LoopbackServer.StartAsync(site);
        server.Latency = TimeSpan.FromMilliseconds(20);
        var plan = new CrawlPlanner(new SpiderRegistry([typeof(SoundLibrarySpider).Assembly]), CrawlerConfig.Empty)
            .Plan("sounds", [new("baseUrl", server.BaseUrl.AbsoluteUri), new("delay", "0")]);
        var options = new RedisCrawlOptions { CrawlId = "stats-" + Guid.NewGuid().ToString("N"), WorkerId = "w-ext", StatsInterval = TimeSpan.FromMilliseconds(50) };
        var link = new RedisLink(redis.Connection, options, "test redis");
        await link.JoinAsync();
        var board = new RedisStatsBoard(redis.Connection, options.CrawlId);
        var seenWhileCrawling = new List<string>();
        using var watching = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (!watching.IsCancellationRequested)
            {
                seenWhileCrawling.AddRange((await board.ReadAsync()).Select(worker => worker.State));
                await Task.Delay(10);
            }
        });

        var result = await TestCrawl.RunAsync(plan, [new CollectingSink()], host => host.AddRedis(link));
        await watching.CancelAsync();
        await watcher;

        Assert.Equal(CrawlOutcome.Finished, result.Outcome);
        Assert.Contains("crawling", seenWhileCrawling);
        var worker = Assert.Single(await board.ReadAsync());
        Assert.Equal("w-ext", worker.WorkerId);
        Assert.Equal(result.FinishReason, worker.State);
        Assert.Equal(site.ExpectedPairs(server.BaseUrl).Count, worker.Stats.Items);
        Assert.Equal(result.Stats.Items, worker.Stats.Items);
    }
}
