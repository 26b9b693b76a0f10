using Crawler.Abstractions.Configuration;
using Crawler.Abstractions.Http;
using Microsoft.Extensions.Logging;

namespace Crawler.Abstractions.Spiders;

/// <summary>
/// A source of audio-text pairs. Subclass <see cref="Spider{TSettings}"/>, mark the class with
/// <see cref="SpiderAttribute"/>, yield start requests, and write callbacks of the shape
/// <c>IAsyncEnumerable&lt;SpiderOutput&gt; Name(Response response, CancellationToken cancellationToken)</c>.
/// A request names its callback by method name. The class needs a public constructor; its parameters are resolved
/// from the crawl host's container (register them on <c>CrawlHostBuilder.Services</c>).
/// </summary>
public abstract class Spider
{
    public const string DefaultCallback = "Parse";

    /// <summary>The name the spider runs under (its crawlers.json entry).</summary>
    public string Name { get; internal set; } = "";

    /// <summary>Where the spider reports what it skipped, counted and noticed.</summary>
    public SpiderContext Context { get; internal set; } = SpiderContext.Detached;

    protected ILogger Logger => Context.Logger;

    public abstract IAsyncEnumerable<Request> StartRequestsAsync(CancellationToken cancellationToken = default);

    /// <summary>Host names the crawl may request besides those of the start requests; empty means any host.</summary>
    public virtual IReadOnlyCollection<string> AllowedDomains => [];

    /// <summary>
    /// Keys and tokens the engine adds to this spider's API calls (<see cref="Request.Api"/>) at send time, so they
    /// never appear in a request that is logged, stored or recorded. Read when the crawl starts, after settings are bound.
    /// </summary>
    public virtual ApiCredentials Credentials => ApiCredentials.None;

    /// <summary>
    /// Engine settings this spider prefers over the built-in ones; crawlers.json and --set still win. Kept for spiders
    /// with a parameterless constructor written before <see cref="IEngineDefaults"/>, which new spiders implement
    /// instead: it is read from the class, so it also applies to a spider created through the container (a spider
    /// with constructor dependencies that overrides this method is an error when its crawl is planned).
    /// </summary>
    public virtual EngineSettings DefaultEngineSettings(EngineSettings builtIn) => builtIn;

    /// <summary>
    /// The contract the page of <paramref name="request"/> should meet, checked after its callback ran; null for none.
    /// By default the one the callback declares with <see cref="YieldsAttribute"/> (<paramref name="declared"/>).
    /// Override to decide per request, as the declarative spider does per rule; called once per page, so keep it cheap.
    /// </summary>
    public virtual PageContract? ContractFor(Request request, PageContract? declared) => declared;

    /// <summary>
    /// Asked before a request of this spider is fetched, also one that a resumed job or another worker of a shared
    /// crawl hands out: a reason (a short snake_case word, counted among the dropped requests) to drop it unfetched, or
    /// null to fetch it. For what the spider learned after it yielded the request, such as an API quota that ran out
    /// (keep what it needs in <see cref="SpiderContext.State"/> so every run and worker sees it). Called once per
    /// request: keep it cheap.
    /// </summary>
    public virtual ValueTask<string?> DropReasonAsync(Request request, CancellationToken cancellationToken = default) => ValueTask.FromResult<string?>(null);

    internal virtual Type SettingsType => typeof(NoSettings);

    internal virtual void ApplySettings(object settings)
    {
    }
}

/// <summary>A spider with a settings record bound from its crawlers.json section and --set.</summary>
public abstract class Spider<TSettings> : Spider where TSettings : class, new()
{
    public TSettings Settings { get; internal set; } = new();

    internal override Type SettingsType => typeof(TSettings);

    internal override void ApplySettings(object settings) => Settings = (TSettings)settings;
}
