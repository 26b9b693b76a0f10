using Crawler.Abstractions.Configuration;
using Crawler.Abstractions.Http;
using Crawler.Core.Hosting;
using Crawler.Core.Http;
using Crawler.Core.Politeness;
using Microsoft.Extensions.Logging;

namespace Crawler.Core.Engine;

/// <summary>
/// The steps every fetch of a crawl host goes through, page or audio, whatever fetcher is at the end: the registered
/// <see cref="FetchStage"/>s in their order (retries, the host's slot, the cluster gate, user middlewares), robots.txt at
/// <see cref="FetchStageOrder.Robots"/>, the spider's API credentials (<see cref="FetchStageOrder.Credentials"/>, added
/// just before the fetcher and taken out of what comes back), and the <see cref="FetcherRouter"/> innermost. robots.txt itself is fetched
/// through the stages inside it (retries, slot, gate). Built once per host, so page and audio fetches share one
/// politeness budget per host and one robots.txt cache.
/// </summary>
public sealed class FetchPipeline : IFetcher, IAsyncDisposable
{
    private readonly IFetcher _outermost;
    private readonly List<object> _owned = [];

    public FetchPipeline(IServiceProvider services, IEnumerable<FetchStage> stages, FetcherRouter router, HostSlots slots, EngineSettings settings, TimeProvider time, ILoggerFactory loggers)
    {
        Slots = slots;
        Router = router;
        var ordered = stages.OrderBy(s => s.Order).ToArray();
        Stages = [.. ordered.Select(s => s.Name)];
        var inner = Wrap(services, ordered.Where(s => s.Order > FetchStageOrder.Robots), router);
        var fetcher = inner;
        if (settings.ObeyRobotsTxt.AppliesToPages)
        {
            var options = new RobotsTxtOptions { UserAgent = settings.UserAgent };
            Robots = new RobotsTxtCache(inner, options, time, loggers.CreateLogger("robots"));
            Robots.CrawlDelayFound += slots.SetCrawlDelay;
            fetcher = new RobotsTxtFetcher(inner, Robots, options.ProductToken, settings.ObeyRobotsTxt.AppliesToApiCalls, loggers.CreateLogger("robots"));
        }
        _outermost = Wrap(services, ordered.Where(s => s.Order <= FetchStageOrder.Robots), fetcher);
    }

    public HostSlots Slots { get; }

    public FetcherRouter Router { get; }

    /// <summary>The names of the registered stages, outermost first (robots.txt is not among them).</summary>
    public IReadOnlyList<string> Stages { get; }

    /// <summary>The robots.txt cache, or null when <see cref="EngineSettings.ObeyRobotsTxt"/> does not apply to pages.</summary>
    public RobotsTxtCache? Robots { get; }

    /// <summary>The outermost stage (kept for callers of the earlier API).</summary>
    public IFetcher Fetcher => this;

    public ValueTask<Response> FetchAsync(Request request, CancellationToken cancellationToken = default) =>
        _outermost.FetchAsync(request, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        foreach (var stage in _owned)
        {
            if (stage is IAsyncDisposable asyncDisposable)
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
            else if (stage is IDisposable disposable)
                disposable.Dispose();
        }
    }

    private IFetcher Wrap(IServiceProvider services, IEnumerable<FetchStage> outermostFirst, IFetcher innermost)
    {
        var current = innermost;
        foreach (var stage in outermostFirst.Reverse())
        {
            var wrapped = stage.Wrap(services, current);
            if (!ReferenceEquals(wrapped, current) && wrapped is IAsyncDisposable or IDisposable)
                _owned.Add(wrapped);
            current = wrapped;
        }
        return current;
    }
}
