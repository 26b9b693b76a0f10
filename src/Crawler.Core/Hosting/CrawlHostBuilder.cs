using Crawler.Abstractions.Configuration;
using Crawler.Abstractions.Hosting;
using Crawler.Abstractions.Http;
using Crawler.Abstractions.Pipeline;
using Crawler.Abstractions.Scheduling;
using Crawler.Abstractions.Spiders;
using Crawler.Abstractions.Stats;
using Crawler.Core.Configuration;
using Crawler.Core.Engine;
using Crawler.Core.Http;
using Crawler.Core.Pipeline;
using Crawler.Core.Politeness;
using Crawler.Core.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Crawler.Core.Hosting;

/// <summary>
/// The one place a crawl is assembled (ASP.NET Core's builder, Scrapy's Crawler): a container holding the engine
/// settings, the clock, loggers and stats, the fetch pipeline (retries and host slots are registered here; robots.txt
/// sits at <see cref="FetchStageOrder.Robots"/>), fetchers by name, sinks, extensions, and the frontier, pair keys and
/// failure log (in memory unless a feature such as <see cref="AddJobDirectory"/> or Redis registers others). Every
/// command builds one and differs only in the features it adds. A builder makes one host.
/// </summary>
public sealed class CrawlHostBuilder
{
    private readonly HashSet<string> _fetchers = new(StringComparer.Ordinal);
    private readonly List<Func<IServiceProvider, IPairSink>> _sinks = [];
    private readonly List<Action<IPairSink>> _sinkObservers = [];
    private bool _built;

    public CrawlHostBuilder(EngineSettings engine, ILoggerFactory loggers, TimeProvider time)
    {
        Engine = engine;
        Services.AddSingleton(engine);
        Services.AddSingleton(loggers);
        Services.AddSingleton(time);
        Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        Services.AddSingleton(_ => new CrawlStats(time));
        Services.AddSingleton(_ => new HostSlots(PolitenessOptions.From(engine), time));
        Services.AddSingleton(services => new FetcherRouter(services, _fetchers, engine.Fetcher));
        Services.AddSingleton<FetchPipeline>();
        Services.AddSingleton<CrawlSignals>();
        Services.AddSingleton<Media.MediaScheduler>();
        AddFetchStage(new FetchStage(FetchStageOrder.Retry, "retry", (services, next) =>
        {
            var stats = services.GetRequiredService<CrawlStats>();
            var logger = loggers.CreateLogger("retry");
            return new RetryingFetcher(next, RetryOptions.From(engine), time, (request, reason, wait) =>
            {
                stats.Custom.Increment($"retry/{reason}");
                logger.LogDebug("Retrying {Url} in {Seconds:0.##} s ({Reason})", request.Url, wait.TotalSeconds, reason);
            });
        }));
        AddFetchStage(new FetchStage(FetchStageOrder.HostSlot, "host-slot", (services, next) => new PoliteFetcher(next, services.GetRequiredService<HostSlots>(), time, services.GetRequiredService<CrawlStats>().Latency)));
    }

    /// <summary>A host for the crawl of <paramref name="plan"/>: its engine settings, and the plan itself as a service (the spider is created through this host's container).</summary>
    public static CrawlHostBuilder For(CrawlPlan plan, ILoggerFactory loggers, TimeProvider time)
    {
        var builder = new CrawlHostBuilder(plan.Engine, loggers, time);
        builder.Services.AddSingleton(plan);
        return builder.AddFetchStage(new FetchStage(FetchStageOrder.Credentials, "credentials", (services, next) =>
            plan.CreateSpider(services).Credentials is { IsEmpty: false } credentials ? new CredentialsFetcher(next, credentials) : next));
    }

    public EngineSettings Engine { get; }

    /// <summary>The container: register what your middlewares, fetchers, sinks and extensions need.</summary>
    public IServiceCollection Services { get; } = new ServiceCollection();

    /// <summary>The names of the fetchers registered so far.</summary>
    public IReadOnlyCollection<string> FetcherNames => _fetchers;

    /// <summary>A step of the fetch pipeline; see <see cref="FetchStageOrder"/> for where the built-in ones are.</summary>
    public CrawlHostBuilder AddFetchStage(FetchStage stage)
    {
        Services.AddSingleton(stage);
        return this;
    }

    /// <summary>A fetch middleware of type <typeparamref name="T"/>, created through the container, at <paramref name="order"/>.</summary>
    public CrawlHostBuilder AddFetchMiddleware<T>(int order = FetchStageOrder.User) where T : class, IFetchMiddleware
    {
        Services.TryAddSingleton<T>();
        return AddFetchStage(new FetchStage(order, typeof(T).Name, (services, next) => new MiddlewareFetcher(services.GetRequiredService<T>(), next)));
    }

    /// <summary>A fetch middleware instance at <paramref name="order"/>.</summary>
    public CrawlHostBuilder AddFetchMiddleware(IFetchMiddleware middleware, int order = FetchStageOrder.User) =>
        AddFetchStage(new FetchStage(order, middleware.GetType().Name, (_, next) => new MiddlewareFetcher(middleware, next)));

    /// <summary>A fetcher that serves the requests naming <paramref name="name"/>; created on the first such request, disposed with the host.</summary>
    public CrawlHostBuilder AddFetcher(string name, Func<IServiceProvider, IFetcher> create)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _fetchers.Add(name);
        Services.AddKeyedSingleton(name, (services, _) => create(services));
        return this;
    }

    /// <summary>A fetcher of type <typeparamref name="T"/>, created through the container, serving the requests naming <paramref name="name"/>.</summary>
    public CrawlHostBuilder AddFetcher<T>(string name) where T : class, IFetcher
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _fetchers.Add(name);
        Services.AddKeyedSingleton<IFetcher, T>(name);
        return this;
    }

    /// <summary>Plain HTTP as <see cref="FetcherKind.Http"/>, with the engine's limits unless <paramref name="options"/> are given.</summary>
    public CrawlHostBuilder AddHttpFetcher(HttpFetcherOptions? options = null) =>
        AddFetcher(FetcherKind.Http, _ => new HttpFetcher(options ?? HttpFetcherOptions.From(Engine)));

    /// <summary>A sink of every accepted pair, created when the crawl starts (the crawl opens and closes it).</summary>
    public CrawlHostBuilder AddSink(Func<IServiceProvider, IPairSink> create)
    {
        _sinks.Add(create);
        return this;
    }

    public CrawlHostBuilder AddSink(IPairSink sink) => AddSink(_ => sink);

    /// <summary>The sinks of crawlers.json's <c>sinks</c> section that apply to <paramref name="spider"/>, created through the container.</summary>
    public CrawlHostBuilder AddSinks(IEnumerable<SinkEntry> entries, string spider)
    {
        foreach (var entry in entries.Where(e => e.AppliesTo(spider)))
            AddSink(services => entry.Descriptor.Create(services, entry.Settings));
        return this;
    }

    /// <summary>Called with every sink when the crawl creates it (to watch, report on or abort it).</summary>
    public CrawlHostBuilder OnSinkCreated(Action<IPairSink> observe)
    {
        _sinkObservers.Add(observe);
        return this;
    }

    /// <summary>An extension of type <typeparamref name="T"/>, created through the container, that receives the crawl's signals.</summary>
    public CrawlHostBuilder AddExtension<T>() where T : class, ICrawlExtension
    {
        Services.TryAddSingleton<T>();
        Services.AddSingleton<ICrawlExtension>(services => services.GetRequiredService<T>());
        return this;
    }

    public CrawlHostBuilder AddExtension(ICrawlExtension extension)
    {
        Services.AddSingleton(extension);
        return this;
    }

    /// <summary>Where pending requests and seen fingerprints live (in memory by default). The caller keeps ownership.</summary>
    public CrawlHostBuilder AddFrontier(IFrontier frontier)
    {
        Services.Replace(ServiceDescriptor.Singleton(frontier));
        return this;
    }

    /// <summary>Where pending requests and seen fingerprints live, created and disposed by the host.</summary>
    public CrawlHostBuilder AddFrontier(Func<IServiceProvider, IFrontier> create)
    {
        Services.Replace(ServiceDescriptor.Singleton(create));
        return this;
    }

    /// <summary>Where the keys of emitted pairs live (in memory by default). The caller keeps ownership.</summary>
    public CrawlHostBuilder AddPairKeys(IPairKeyStore pairKeys)
    {
        Services.Replace(ServiceDescriptor.Singleton(pairKeys));
        return this;
    }

    /// <summary>Where requests that failed for good are recorded (nowhere by default).</summary>
    public CrawlHostBuilder AddFailureLog(FailureLog failures)
    {
        Services.Replace(ServiceDescriptor.Singleton(failures));
        return this;
    }

    /// <summary>Where the spider's <see cref="ISpiderState"/> lives (in memory by default). The caller keeps ownership.</summary>
    public CrawlHostBuilder AddSpiderState(ISpiderState state)
    {
        Services.Replace(ServiceDescriptor.Singleton(state));
        return this;
    }

    /// <summary>Keeps the crawl's state in a job directory (<c>--job-dir</c>): its frontier, pair keys, failure log and spider state.</summary>
    public CrawlHostBuilder AddJobDirectory(JobDirectory job)
    {
        Services.AddSingleton(job);
        return AddFrontier(job.Frontier).AddPairKeys(job.PairKeys).AddFailureLog(job.Failures).AddSpiderState(job.SpiderState);
    }

    /// <summary>Builds the host; a default fetcher that is not registered is an error now, before any request.</summary>
    public CrawlHost Build()
    {
        if (_built)
            throw new InvalidOperationException("This crawl host builder has built its host already.");
        _built = true;
        if (!_fetchers.Contains(Engine.Fetcher))
            throw new ConfigurationException($"fetcher \"{Engine.Fetcher}\": this crawl has no fetcher of that name; it has {(_fetchers.Count == 0 ? "none" : string.Join(", ", _fetchers.Order(StringComparer.Ordinal)))}.");
        Services.TryAddSingleton<IFrontier, InMemoryFrontier>();
        Services.TryAddSingleton<IPairKeyStore, InMemoryPairKeyStore>();
        Services.TryAddSingleton<ISpiderState, InMemorySpiderState>();
        var observers = _sinkObservers.ToArray();
        var sinks = _sinks.Select(create => (Func<IServiceProvider, IPairSink>)(services =>
        {
            var sink = create(services);
            foreach (var observe in observers)
                observe(sink);
            return sink;
        }));
        return new CrawlHost(Services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true }), [.. sinks]);
    }
}
