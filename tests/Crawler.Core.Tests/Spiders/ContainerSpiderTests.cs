using AudioCrawl.Core.Configuration;
using AudioCrawl.Core.Engine;
using AudioCrawl.Core.Spiders;
using AudioCrawl.SampleSite.Sounds;
using AudioCrawl.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace AudioCrawl.Core.Tests.Spiders;

/// <summary>Spiders created through the crawl host's container: constructor dependencies, settings still bound.</summary>
public sealed class ContainerSpiderTests : IAsyncLifetime
{
    private static readonly SpiderRegistry Registry = new([typeof(CaptionedLinkSpider).Assembly]);
    private readonly SoundLibrarySite _site = new(new SoundCatalogue(6));
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync(_site);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private CrawlPlan Plan() =>
        new CrawlPlanner(Registry, CrawlerConfig.Empty).Plan("captioned-links", [new("startUrls", _server.BaseUrl.AbsoluteUri), new("delay", "0")]);

    [Fact]
    public async Task A_spider_gets_the_service_its_constructor_asks_for_from_the_host_and_keeps_its_bound_settings()
    {
        var sink = new CollectingSink();
        var plan = Plan();

        var result = await TestCrawl.RunAsync(plan, [sink], host => host.Services.AddSingleton(new CaptionStyle("clip: ")));

        Assert.Equal(CrawlOutcome.Finished, result.Outcome);
        Assert.Equal(6, sink.Pairs.Count);
        Assert.All(sink.Pairs, pair => Assert.StartsWith("clip: ", pair.Text, StringComparison.Ordinal));
        var spider = Assert.IsType<CaptionedLinkSpider>(plan.Spider);
        Assert.Equal("captioned-links", spider.Name);
        Assert.Equal(_server.BaseUrl, Assert.Single(spider.Settings.StartUrls));
    }

    [Fact]
    public async Task A_spider_whose_dependency_is_not_registered_is_an_error_naming_both_before_any_request()
    {
        var error = await Assert.ThrowsAsync<CrawlerException>(() => TestCrawl.RunAsync(Plan(), [new CollectingSink()]));

        Assert.Contains("captioned-links", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(CaptionStyle), error.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Log);
    }

    [Fact]
    public void A_settings_mistake_of_a_container_spider_is_still_reported_when_planning()
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            new CrawlPlanner(Registry, CrawlerConfig.Empty).Plan("captioned-links", [new("startUrl", "http://127.0.0.1/")]));

        Assert.Contains("--set startUrl", error.Message, StringComparison.Ordinal);
        Assert.Contains("startUrls", error.Message, StringComparison.Ordinal);
    }
}
