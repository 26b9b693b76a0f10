using Crawler.Abstractions.Configuration;
using Crawler.Abstractions.Http;
using Crawler.Abstractions.Spiders;
using Crawler.Core.Configuration;
using Crawler.Core.Media;
using Crawler.Core.Spiders;

namespace Crawler.Core.Engine;

/// <summary>
/// A spider ready to run: its entry, its bound settings and the engine settings that apply. A spider class with a
/// parameterless constructor is created by the planner; one whose constructor asks for services is created through
/// the crawl host's container when the crawl starts (<see cref="CreateSpider"/>), and gets the same settings.
/// </summary>
public sealed class CrawlPlan
{
    private Spider? _spider;

    internal CrawlPlan(SpiderDescriptor descriptor, SpiderEntry? entry, string name, BoundSettings settings, Spider? spider)
    {
        Descriptor = descriptor;
        Entry = entry;
        Name = name;
        Settings = settings;
        if (spider is not null)
            _spider = Configure(spider);
    }

    public SpiderDescriptor Descriptor { get; }

    public SpiderEntry? Entry { get; }

    /// <summary>The name the spider runs under (its crawlers.json entry).</summary>
    public string Name { get; }

    /// <summary>The engine settings and the spider's settings record, bound from their layers.</summary>
    public BoundSettings Settings { get; }

    public EngineSettings Engine => Settings.Engine;

    /// <summary>The configured spider instance; for a spider created through a container, once its crawl has started.</summary>
    public Spider Spider => _spider ?? throw new InvalidOperationException(
        $"Spider '{Name}' is created through its crawl host's container when the crawl starts; read CrawlPlan.Spider after that.");

    /// <summary>The spider of this plan, created through <paramref name="services"/> on the first call (named and configured).</summary>
    public Spider CreateSpider(IServiceProvider services) => _spider ??= Configure(Descriptor.Create(services));

    private Spider Configure(Spider spider)
    {
        spider.Name = Name;
        SettingsBinder.Apply(spider, Settings);
        return spider;
    }

    /// <summary>A crawl of no spider: only the given <paramref name="requests"/> (media requests, say: the download command's rows).</summary>
    public static CrawlPlan OfRequests(string name, Func<CancellationToken, IAsyncEnumerable<Request>> requests, EngineSettings engine) =>
        new(new SpiderDescriptor(name, "the given requests", typeof(RequestStreamSpider), typeof(NoSettings)), null, name, new BoundSettings(engine, new NoSettings()), new RequestStreamSpider(name, requests));
}
