using Crawler.Core;

namespace Crawler.Redis;

/// <summary>The crawl's Redis stayed unreachable for longer than the outage timeout.</summary>
public sealed class RedisOutageException(string message) : CrawlStateUnavailableException(message);
