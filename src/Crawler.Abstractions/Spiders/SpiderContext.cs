using Crawler.Abstractions.Configuration;
using Crawler.Abstractions.Politeness;
using Crawler.Abstractions.Stats;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Crawler.Abstractions.Spiders;

/// <summary>What a running spider may use besides its responses: a logger, the crawl's counters, the engine settings in force and the clock.</summary>
public sealed record SpiderContext(ILogger Logger, CrawlStats Stats, EngineSettings Engine, TimeProvider Time)
{
    /// <summary>The crawl's robots.txt cache (null when robots.txt is not obeyed): read <c>Sitemaps</c> of a host from it.</summary>
    public IRobotsTxtSource? Robots { get; init; }

    /// <summary>Values the spider keeps for the whole crawl: across a resumed job directory and every worker of a shared crawl.</summary>
    public ISpiderState State { get; init; } = new InMemorySpiderState();

    public static SpiderContext Detached { get; } = new(NullLogger.Instance, new CrawlStats(TimeProvider.System), new EngineSettings(), TimeProvider.System);
}
