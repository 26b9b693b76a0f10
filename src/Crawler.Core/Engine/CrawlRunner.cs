using AudioCrawl.Core.Configuration;
using AudioCrawl.Core.Http;
using AudioCrawl.Core.Pipeline;
using AudioCrawl.Core.Scheduling;
using AudioCrawl.Core.Spiders;
using AudioCrawl.Core.Stats;
using Microsoft.Extensions.Logging;

namespace AudioCrawl.Core.Engine;

/// <summary>
/// Wires a planned crawl to a fetcher, a frontier and sinks, runs it, and closes every sink whatever happens.
/// The stop token asks for a graceful stop (Ctrl+C); sinks are opened before the first request.
/// Requests go to the HTTP fetcher or, when they (or the engine's <c>fetcher</c> setting) ask for it, to the browser
/// fetcher <paramref name="browserFetcher"/> makes; it is made on the first browser request and disposed at the end.
/// A run may wrap the whole fetch pipeline (a scheduled run's <see cref="Runs.ConditionalGet"/>).
/// </summary>
public sealed class CrawlRunner(ILoggerFactory loggers, TimeProvider time, Func<EngineSettings, IFetcher>? browserFetcher = null)
{
    public CrawlStats Stats { get; } = new(time);

    public async Task<CrawlResult> RunAsync(
        CrawlPlan plan,
        IReadOnlyList<IPairSink> sinks,
        IFrontier? frontier = null,
        IPairKeyStore? pairKeys = null,
        IFetcher? fetcher = null,
        Action<CrawlEngine>? onStarted = null,
        FailureLog? failures = null,
        Func<IFetcher, IFetcher>? decorateFetcher = null,
        CancellationToken stopToken = default)
    {
        var ownedFetcher = fetcher is null ? new FetcherRouter(new HttpFetcher(HttpFetcherOptions.From(plan.Engine)), BrowserFactory(plan.Engine), plan.Engine.Fetcher) : null;
        await using var fetch = FetchPipeline.Build(fetcher ?? ownedFetcher!, plan.Engine, time, loggers, Stats, plan.Spider.Credentials);
        plan.Spider.Context = new SpiderContext(loggers.CreateLogger($"spider.{plan.Name}"), Stats, plan.Engine, time) { Robots = fetch.Robots };
        var ownedFrontier = frontier is null ? new InMemoryFrontier() : null;
        await using var pipeline = new ItemPipeline(sinks, Stats, pairKeys ?? new InMemoryPairKeyStore(), plan.Engine.MaxItems, loggers.CreateLogger("pipeline"));
        try
        {
            await pipeline.OpenAsync(stopToken).ConfigureAwait(false);
            var engine = new CrawlEngine(plan.Spider, plan.Engine, decorateFetcher?.Invoke(fetch.Fetcher) ?? fetch.Fetcher, frontier ?? ownedFrontier!, pipeline, Stats, time, loggers.CreateLogger("engine"), failures);
            onStarted?.Invoke(engine);
            var result = await engine.RunAsync(stopToken).ConfigureAwait(false);
            await pipeline.CloseAsync().ConfigureAwait(false);
            if (pipeline.Failure is { } failure && result.Outcome != CrawlOutcome.Failed)
                result = result with { Outcome = CrawlOutcome.Failed, FinishReason = FinishReasons.SinkFailed, FailureMessage = failure.Message };
            return result;
        }
        finally
        {
            if (ownedFetcher is not null)
                await ownedFetcher.DisposeAsync().ConfigureAwait(false);
            if (ownedFrontier is not null)
                await ownedFrontier.DisposeAsync().ConfigureAwait(false);
        }
    }

    private Func<IFetcher>? BrowserFactory(EngineSettings settings) =>
        browserFetcher is null ? null : () => browserFetcher(settings);
}
