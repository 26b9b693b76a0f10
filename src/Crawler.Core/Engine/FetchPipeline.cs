using AudioCrawl.Core.Configuration;
using AudioCrawl.Core.Http;
using AudioCrawl.Core.Politeness;
using AudioCrawl.Core.Stats;
using Microsoft.Extensions.Logging;

namespace AudioCrawl.Core.Engine;

/// <summary>
/// The stages every fetch goes through, whatever fetcher (HTTP, browser) is at the end, outermost first:
/// robots.txt, retries with a circuit breaker per host (Polly), the host's slot (concurrency, delay, throttle),
/// the spider's API credentials, the transport. robots.txt itself is fetched through the retry and slot stages. Built once per crawl; the
/// download sink can build its own over the same settings.
/// </summary>
public sealed class FetchPipeline : IAsyncDisposable
{
    private readonly RetryingFetcher _retrying;

    private FetchPipeline(IFetcher fetcher, RetryingFetcher retrying, HostSlots slots, RobotsTxtCache? robots)
    {
        Fetcher = fetcher;
        _retrying = retrying;
        Slots = slots;
        Robots = robots;
    }

    /// <summary>The outermost stage: what the engine calls.</summary>
    public IFetcher Fetcher { get; }

    public HostSlots Slots { get; }

    /// <summary>The robots.txt cache, or null when <see cref="EngineSettings.ObeyRobotsTxt"/> is off.</summary>
    public RobotsTxtCache? Robots { get; }

    /// <param name="credentials">Added to API calls just before the transport (see <see cref="CredentialsFetcher"/>).</param>
    public static FetchPipeline Build(IFetcher transport, EngineSettings settings, TimeProvider time, ILoggerFactory loggers, CrawlStats? stats = null, ApiCredentials? credentials = null)
    {
        if (credentials is { IsEmpty: false })
            transport = new CredentialsFetcher(transport, credentials);
        var slots = new HostSlots(PolitenessOptions.From(settings), time);
        var retryLogger = loggers.CreateLogger("retry");
        var retrying = new RetryingFetcher(new PoliteFetcher(transport, slots, time), RetryOptions.From(settings), time, (request, reason, wait) =>
        {
            stats?.Custom.Increment($"retry/{reason}");
            retryLogger.LogDebug("Retrying {Url} in {Seconds:0.##} s ({Reason})", request.Url, wait.TotalSeconds, reason);
        });
        IFetcher fetcher = retrying;
        RobotsTxtCache? robots = null;
        if (settings.ObeyRobotsTxt.AppliesToPages)
        {
            var options = new RobotsTxtOptions { UserAgent = settings.UserAgent };
            robots = new RobotsTxtCache(retrying, options, time, loggers.CreateLogger("robots"));
            robots.CrawlDelayFound += slots.SetCrawlDelay;
            fetcher = new RobotsTxtFetcher(retrying, robots, options.ProductToken, settings.ObeyRobotsTxt.AppliesToApiCalls, loggers.CreateLogger("robots"));
        }
        return new FetchPipeline(fetcher, retrying, slots, robots);
    }

    public ValueTask DisposeAsync() => _retrying.DisposeAsync();
}
