using AudioCrawl.SampleSite.Sounds;
using AudioCrawl.Testing;
using Crawler.Abstractions;
using Crawler.Abstractions.Configuration;
using Crawler.Abstractions.Spiders;
using Crawler.Core.Configuration;
using Crawler.Core.Engine;
using Crawler.Core.Spiders;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Crawler.Core.Tests.Spiders;

/// <summary>Spiders created through the crawl host's container: constructor dependencies, settings still bound.</summary>
public sealed class ContainerSpiderTests : IAsyncLifetime
{
    private static readonly SpiderRegistry Registry = new([typeof(CaptionedLinkSpider).Assembly]);
    private readonly SoundLibrarySite _site = new(new SoundCatalogue(6));
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync(_site);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private CrawlPlan Plan(params KeyValuePair<string, string>[] more) =>
        new CrawlPlanner(Registry, CrawlerConfig.Empty).Plan("captioned-links", [new("startUrls", _server.BaseUrl.AbsoluteUri), new("delay", "0"), .. more]);

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

    [Fact]
    public async Task A_spider_created_through_the_container_gets_its_class_engine_defaults_and_the_command_line_still_wins()
    {
        _server.Latency = TimeSpan.FromMilliseconds(80);
        var plan = Plan();

        var result = await TestCrawl.RunAsync(plan, [new CollectingSink()], host => host.Services.AddSingleton(new CaptionStyle("clip: ")));

        Assert.Equal(CrawlOutcome.Finished, result.Outcome);
        Assert.Equal(1, plan.Engine.PerHost);
        Assert.Equal(1, _server.PeakConcurrency(_server.BaseUrl.Host));

        await using var again = await LoopbackServer.StartAsync(_site);
        again.Latency = _server.Latency;
        var overridden = new CrawlPlanner(Registry, CrawlerConfig.Empty).Plan("captioned-links", [new("startUrls", again.BaseUrl.AbsoluteUri), new("delay", "0"), new("perHost", "2")]);
        await TestCrawl.RunAsync(overridden, [new CollectingSink()], host => host.Services.AddSingleton(new CaptionStyle("clip: ")));
        Assert.Equal(2, again.PeakConcurrency(again.BaseUrl.Host));
    }

    [Fact]
    public void Crawlers_json_wins_over_the_engine_defaults_of_a_container_spider_class()
    {
        var config = CrawlerConfig.Parse("""{ "engine": { "delay": 0.25 }, "spiders": { "captioned-links": { "perHost": 3 } } }""", "crawlers.json");

        var plan = new CrawlPlanner(Registry, config).Plan("captioned-links", []);
        var classOnly = new CrawlPlanner(Registry, CrawlerConfig.Empty).Plan("captioned-links", []);

        Assert.Equal(3, plan.Engine.PerHost);
        Assert.Equal(0.25, plan.Engine.Delay);
        Assert.Equal(1, classOnly.Engine.PerHost);
        Assert.Equal(new EngineSettings().Delay, classOnly.Engine.Delay);
    }

    [Fact]
    public void A_container_spider_overriding_the_instance_defaults_is_an_error_naming_the_static_way_when_planning()
    {
        var error = Assert.Throws<ConfigurationException>(() => new CrawlPlanner(Registry, CrawlerConfig.Empty).Plan("instance-defaults", []));

        Assert.Contains("instance-defaults", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(IEngineDefaults), error.Message, StringComparison.Ordinal);
    }
}
