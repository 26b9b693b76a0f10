using AudioCrawl.Testing;
using Crawler.Abstractions.Scheduling;
using Xunit;

namespace Crawler.Redis.Tests;

/// <summary>The shared frontier contract, run against a real redis-server; every test gets a fresh crawl ID.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisFrontierContractTests(RedisServer redis) : FrontierContract
{
    protected override Task<IFrontier> CreateAsync() =>
        Task.FromResult<IFrontier>(new RedisFrontier(redis.Link(new RedisCrawlOptions { CrawlId = "contract-" + Guid.NewGuid().ToString("N") })));
}
