using Crawler.Abstractions.Http;
using Crawler.Abstractions.Spiders;
using Crawler.Core.Engine;

namespace Crawler.Core.Hosting;

/// <summary>
/// Something that watches a crawl (Scrapy's extensions and signals): stats, progress, dashboards, metrics. Register
/// one with <see cref="CrawlHostBuilder.AddExtension{T}"/>; override only the signals you need. Signals arrive from
/// the crawl's workers at once, so an extension must be thread-safe and quick; an extension that throws is logged
/// and counted, and the crawl goes on.
/// </summary>
public interface ICrawlExtension
{
    /// <summary>The sinks are open and the spider is about to give its start requests.</summary>
    void OnStarted(Spider spider)
    {
    }

    /// <summary>A request entered the frontier (it was not a duplicate, off-site or too deep).</summary>
    void OnRequestScheduled(Request request)
    {
    }

    /// <summary>A response came back from the fetch pipeline (any status), before the spider reads it.</summary>
    void OnResponse(Response response)
    {
    }

    /// <summary>The item pipeline accepted a pair.</summary>
    void OnItem(AudioPair pair)
    {
    }

    /// <summary>A request failed: a fetch error after every retry, or a callback that threw.</summary>
    void OnError(Request request, string kind, string message)
    {
    }

    /// <summary>Nothing is left to do: the frontier is empty and no request is in flight.</summary>
    void OnIdle()
    {
    }

    /// <summary>The crawl ended and every sink is closed.</summary>
    void OnFinished(CrawlResult result)
    {
    }
}
