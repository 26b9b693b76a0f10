using AudioCrawl.Testing;
using Crawler.Abstractions.Pipeline;
using Crawler.Abstractions.Spiders;
using Crawler.Core.Configuration;
using Crawler.Core.Engine;
using Crawler.Core.Spiders;
using Crawlers.YouTube;

namespace Crawlers.Tests.YouTube;

/// <summary>Runs the youtube spider through the real planner, engine and fetcher, collecting pairs and log lines.</summary>
public sealed class YouTubeCrawl
{
    private static readonly SpiderRegistry Registry = new([typeof(YouTubeSpider).Assembly]);

    public required CrawlResult Result { get; init; }

    public required IReadOnlyList<AudioPair> Pairs { get; init; }

    public required CapturedLogs Logs { get; init; }

    public required YouTubeSpider Spider { get; init; }

    public static CrawlPlan Plan(params (string Key, string Value)[] settings)
    {
        var overrides = settings.Select(s => new KeyValuePair<string, string>(s.Key, s.Value)).ToList();
        if (overrides.All(o => o.Key != "delay"))
            overrides.Add(new("delay", "0"));
        return new CrawlPlanner(Registry, CrawlerConfig.Empty).Plan("youtube", overrides);
    }

    public static async Task<YouTubeCrawl> RunAsync(params (string Key, string Value)[] settings) => await RunAsync([], settings);

    public static async Task<YouTubeCrawl> RunAsync(IReadOnlyList<IPairSink> extraSinks, params (string Key, string Value)[] settings)
    {
        var plan = Plan(settings);
        var logs = new CapturedLogs();
        var sink = new CollectingSink();
        var result = await TestCrawl.RunAsync(plan, [sink, .. extraSinks], loggers: logs);
        return new YouTubeCrawl { Result = result, Pairs = sink.Pairs, Logs = logs, Spider = (YouTubeSpider)plan.Spider };
    }

    public IReadOnlyList<(string Url, string Text)> UrlsAndTexts => Pairs.Select(p => (p.Url.AbsoluteUri, p.Text)).ToArray();
}
