using AudioCrawl.Core.Configuration;
using AudioCrawl.Core.Http;
using AudioCrawl.Core.Media;
using AudioCrawl.Core.Spiders;

namespace AudioCrawl.Core.Engine;

/// <summary>A spider ready to run: its entry, a configured instance, and the engine settings that apply.</summary>
public sealed record CrawlPlan(SpiderDescriptor Descriptor, SpiderEntry? Entry, Spider Spider, EngineSettings Engine)
{
    public string Name => Spider.Name;

    /// <summary>A crawl of no spider: only the given <paramref name="requests"/> (media requests, say: the download command's rows).</summary>
    public static CrawlPlan OfRequests(string name, Func<CancellationToken, IAsyncEnumerable<Request>> requests, EngineSettings engine) =>
        new(new SpiderDescriptor(name, "the given requests", typeof(RequestStreamSpider), typeof(NoSettings)), null, new RequestStreamSpider(name, requests), engine);
}
