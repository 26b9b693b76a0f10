using AudioCrawl.Core.Configuration;
using AudioCrawl.Core.Http;
using AudioCrawl.Core.Politeness;
using Microsoft.Extensions.Logging;

namespace AudioCrawl.Core.Engine;

/// <summary>
/// The stages every fetch goes through, whatever fetcher (HTTP, browser) is at the end: robots.txt first, then
/// the transport. Built once per crawl; the download sink can build its own over the same settings.
/// </summary>
public sealed class FetchPipeline
{
    private FetchPipeline(IFetcher fetcher, RobotsTxtCache? robots)
    {
        Fetcher = fetcher;
        Robots = robots;
    }

    /// <summary>The outermost stage: what the engine calls.</summary>
    public IFetcher Fetcher { get; }

    /// <summary>The robots.txt cache, or null when <see cref="EngineSettings.ObeyRobotsTxt"/> is off.</summary>
    public RobotsTxtCache? Robots { get; }

    public static FetchPipeline Build(IFetcher transport, EngineSettings settings, TimeProvider time, ILoggerFactory loggers)
    {
        IFetcher fetcher = transport;
        RobotsTxtCache? robots = null;
        if (settings.ObeyRobotsTxt)
        {
            var options = new RobotsTxtOptions { UserAgent = settings.UserAgent };
            robots = new RobotsTxtCache(fetcher, options, time, loggers.CreateLogger("robots"));
            fetcher = new RobotsTxtFetcher(fetcher, robots, options.ProductToken);
        }
        return new FetchPipeline(fetcher, robots);
    }
}
