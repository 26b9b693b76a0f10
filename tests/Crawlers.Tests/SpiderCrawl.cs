using AudioCrawl.Testing;
using Crawler.Abstractions.Spiders;
using Crawler.Core.Configuration;
using Crawler.Core.Engine;
using Crawler.Core.Spiders;

namespace Crawlers.Tests;

/// <summary>Runs a spider of the Crawlers assembly by name through the real planner, engine and fetcher.</summary>
public sealed class SpiderCrawl
{
    private static readonly SpiderRegistry Registry = new([typeof(Crawlers.Feed.FeedSpider).Assembly]);

    public required CrawlResult Result { get; init; }

    public required IReadOnlyList<AudioPair> Pairs { get; init; }

    public required CapturedLogs Logs { get; init; }

    public IReadOnlyList<(string Url, string Text)> UrlsAndTexts => Pairs.Select(p => (p.Url.AbsoluteUri, p.Text)).ToArray();

    public long Counter(string name) => Result.Stats.Counters.GetValueOrDefault(name);

    public static CrawlPlan Plan(string spider, params (string Key, string Value)[] settings)
    {
        var overrides = settings.Select(s => new KeyValuePair<string, string>(s.Key, s.Value)).ToList();
        if (overrides.All(o => o.Key != "delay"))
            overrides.Add(new("delay", "0"));
        return new CrawlPlanner(Registry, CrawlerConfig.Empty).Plan(spider, overrides);
    }

    public static async Task<SpiderCrawl> RunAsync(string spider, params (string Key, string Value)[] settings)
    {
        var plan = Plan(spider, settings);
        var logs = new CapturedLogs();
        var sink = new CollectingSink();
        var result = await TestCrawl.RunAsync(plan, [sink], loggers: logs);
        return new SpiderCrawl { Result = result, Pairs = sink.Pairs, Logs = logs };
    }
}
