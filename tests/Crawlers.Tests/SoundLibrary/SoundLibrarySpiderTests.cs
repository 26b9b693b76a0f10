using AudioCrawl.SampleSite.Sounds;
using AudioCrawl.Testing;
using Crawler.Core.Configuration;
using Crawler.Core.Engine;
using Crawler.Core.Spiders;
using Crawlers.SoundLibrary;
using Xunit;

namespace Crawlers.Tests.SoundLibrary;

/// <summary>README's first spider: synchronous callbacks and method-group follows, against the sample sound library.</summary>
public sealed class SoundLibrarySpiderTests
{
    [Fact]
    public async Task Crawls_the_sample_site_with_synchronous_callbacks_and_method_group_follows()
    {
        var site = new SoundLibrarySite(new SoundCatalogue(80));
        await using var server = await LoopbackServer.StartAsync(site);
        var plan = new CrawlPlanner(new SpiderRegistry([typeof(SoundLibrarySpider).Assembly]), CrawlerConfig.Empty)
            .Plan("sounds", [new("baseUrl", server.BaseUrl.AbsoluteUri), new("delay", "0")]);
        var sink = new CollectingSink();

        var result = await TestCrawl.RunAsync(plan, [sink]);

        Assert.Equal(CrawlOutcome.Finished, result.Outcome);
        Assert.Equal(site.ExpectedPairs(server.BaseUrl).ToHashSet(), sink.Pairs.Select(p => (p.Url.AbsoluteUri, p.Text)).ToHashSet());
        Assert.Equal(sink.Pairs.Count, sink.Pairs.Distinct().Count());
        Assert.DoesNotContain(result.Stats.ErrorsByKind.Keys, kind => kind.Contains("callback", StringComparison.Ordinal) || kind == "spider_exception");
        Assert.Contains(server.Log, r => r.PathAndQuery.StartsWith("/category/", StringComparison.Ordinal) && r.PathAndQuery.Contains("page=2", StringComparison.Ordinal));
    }
}
