using Crawler.Core;

namespace Crawler.Redis;

/// <summary>The crawl's Redis answers but no longer holds the crawl (its marker key is gone): it restarted empty or was flushed.</summary>
public sealed class RedisCrawlLostException(string message) : CrawlStateUnavailableException(message);
