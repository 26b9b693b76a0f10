using Crawler.Abstractions.Configuration;
using Crawler.Abstractions.Pipeline;
using Crawler.Abstractions.Scheduling;
using Crawler.Abstractions.Spiders;
using Crawler.Abstractions.Stats;
using Crawler.Core.Engine;
using Crawler.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Crawler.Core.Hosting;

/// <summary>
/// A built crawl host (<see cref="CrawlHostBuilder"/>): runs a planned crawl against what was registered, opening the
/// sinks before the first request and closing every one of them whatever happens, and disposes the fetchers,
/// middlewares and owned state at the end. The stop token asks for a graceful stop (Ctrl+C).
/// </summary>
public sealed class CrawlHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IReadOnlyList<Func<IServiceProvider, IPairSink>> _sinks;

    internal CrawlHost(ServiceProvider services, IReadOnlyList<Func<IServiceProvider, IPairSink>> sinks)
    {
        _services = services;
        _sinks = sinks;
    }

    public IServiceProvider Services => _services;

    public EngineSettings Engine => _services.GetRequiredService<EngineSettings>();

    public CrawlStats Stats => _services.GetRequiredService<CrawlStats>();

    /// <summary>The fetch pipeline every request of this host goes through, pages and audio alike.</summary>
    public FetchPipeline Fetch => _services.GetRequiredService<FetchPipeline>();

    public IFrontier Frontier => _services.GetRequiredService<IFrontier>();

    /// <param name="onStarted">Called with the engine once it exists (to abort it on a second Ctrl+C, say).</param>
    public async Task<CrawlResult> RunAsync(CrawlPlan plan, Action<CrawlEngine>? onStarted = null, CancellationToken stopToken = default)
    {
        if (!ReferenceEquals(plan.Engine, Engine) && plan.Engine != Engine)
            throw new InvalidOperationException($"The crawl host was built for other engine settings than those of spider '{plan.Name}' (use CrawlHostBuilder.For(plan, ...)).");
        var loggers = _services.GetRequiredService<ILoggerFactory>();
        var time = _services.GetRequiredService<TimeProvider>();
        var spider = plan.CreateSpider(_services);
        var fetch = Fetch;
        var signals = _services.GetRequiredService<CrawlSignals>();
        spider.Context = new SpiderContext(loggers.CreateLogger($"spider.{plan.Name}"), Stats, plan.Engine, time) { Robots = fetch.Robots, State = _services.GetRequiredService<ISpiderState>() };
        var sinks = _sinks.Select(create => create(_services)).ToArray();
        await using var pipeline = new ItemPipeline(sinks, Stats, _services.GetRequiredService<IPairKeyStore>(), plan.Engine.MaxItems, loggers.CreateLogger("pipeline"));
        await pipeline.OpenAsync(stopToken).ConfigureAwait(false);
        var engine = new CrawlEngine(spider, plan.Engine, fetch, Frontier, pipeline, Stats, time, loggers.CreateLogger("engine"), _services.GetService<FailureLog>(), signals, sinks.OfType<Media.IMediaRequestHandler>());
        onStarted?.Invoke(engine);
        signals.Started(spider);
        var result = await engine.RunAsync(stopToken).ConfigureAwait(false);
        await pipeline.CloseAsync().ConfigureAwait(false);
        // Sinks count as they close (the last shards of an audio sink): the result's stats are taken once every sink is closed.
        result = result with { Stats = Stats.Snapshot(result.FinishReason, result.Stats.Queued) };
        if (pipeline.Failure is { } failure && result.Outcome != CrawlOutcome.Failed)
            result = result with { Outcome = CrawlOutcome.Failed, FinishReason = FinishReasons.SinkFailed, FailureMessage = failure.Message };
        signals.Finished(result);
        return result;
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
