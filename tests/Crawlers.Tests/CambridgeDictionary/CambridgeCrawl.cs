using AudioCrawl.Testing;
using Crawler.Abstractions.Spiders;
using Crawler.Abstractions.Stats;
using Crawler.Core.Configuration;
using Crawler.Core.Engine;
using Crawler.Core.Spiders;
using Crawlers.CambridgeDictionary;

namespace Crawlers.Tests.CambridgeDictionary;

/// <summary>Runs the cambridge spider in process through the real engine and HTTP fetcher, collecting its pairs.</summary>
internal static class CambridgeCrawl
{
    public static async Task<(IReadOnlyList<AudioPair> Pairs, CrawlStatsSnapshot Stats)> RunAsync(Uri baseUrl, params (string Key, string Value)[] settings)
    {
        var registry = new SpiderRegistry([typeof(CambridgeSpider).Assembly]);
        var overrides = new List<KeyValuePair<string, string>>
        {
            new("baseUrl", baseUrl.AbsoluteUri),
            new("delay", "0"),
            new("perHost", "4"),
        };
        overrides.AddRange(settings.Select(s => new KeyValuePair<string, string>(s.Key, s.Value)));
        var plan = new CrawlPlanner(registry, CrawlerConfig.Empty).Plan("cambridge", overrides);
        var sink = new CollectingSink();
        var result = await TestCrawl.RunAsync(plan, [sink]);
        return (sink.Pairs, result.Stats);
    }
}
