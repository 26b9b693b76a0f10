using Crawler.Abstractions;

namespace Crawler.Core;

/// <summary>
/// The crawl's shared state (a frontier, pair keys or host gate kept in a server) cannot be reached any more, or came
/// back without the crawl: the engine stops taking work, keeps every pair it acknowledged, and fails the run.
/// </summary>
public class CrawlStateUnavailableException : CrawlerException
{
    public CrawlStateUnavailableException(string message) : base(message) { }
    public CrawlStateUnavailableException(string message, Exception? innerException) : base(message, innerException) { }
}
