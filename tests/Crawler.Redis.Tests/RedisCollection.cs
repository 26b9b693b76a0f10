using Xunit;

namespace Crawler.Redis.Tests;

/// <summary>The test classes that share one redis-server; each uses its own crawl ID.</summary>
[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServer>
{
    public const string Name = "redis";
}
