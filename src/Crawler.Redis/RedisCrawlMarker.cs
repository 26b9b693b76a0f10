using System.Text.Json;
using Crawler.Abstractions;
using StackExchange.Redis;

namespace Crawler.Redis;

/// <summary>
/// The key the first worker of a crawl writes (<c>audiocrawl:{id}:marker</c>): a worker that saw it and then finds it
/// missing knows that Redis lost the crawl, rather than mistaking an empty Redis for a crawl that is done.
/// </summary>
public sealed record RedisCrawlMarker(string CrawlId, DateTimeOffset CreatedAt, string CreatedBy)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    internal static RedisCrawlMarker Parse(RedisValue stored, string key)
    {
        try
        {
            if (!stored.IsNullOrEmpty && JsonSerializer.Deserialize<RedisCrawlMarker>((string)stored!, Json) is { CrawlId: not null, CreatedBy: not null } marker)
                return marker;
        }
        catch (JsonException)
        {
        }
        throw new CrawlerException($"Redis key {key} is not an audiocrawl crawl marker ('{stored}'): another program uses this key; give another --crawl-id.");
    }
}
