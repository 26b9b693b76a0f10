using Crawler.Abstractions.Http;
using Crawler.Core.Pipeline;
using Xunit;

namespace Crawler.Redis.Tests;

/// <summary>The crawl marker: written by the first worker, read by the others, and its loss stops a worker that saw it.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisCrawlMarkerTests(RedisServer redis)
{
    private readonly string _crawlId = "marker-" + Guid.NewGuid().ToString("N");

    private RedisLink Link(string worker) => redis.Link(new RedisCrawlOptions { CrawlId = _crawlId, WorkerId = worker });

    [Fact]
    public async Task The_first_worker_writes_the_marker_and_the_next_one_reads_it()
    {
        var first = await Link("first").JoinAsync();
        var second = await Link("second").JoinAsync();

        Assert.Equal(first, second);
        Assert.Equal("first", second.CreatedBy);
        Assert.Equal(_crawlId, second.CrawlId);
    }

    [Fact]
    public async Task A_worker_that_saw_the_marker_refuses_to_lease_from_a_redis_that_lost_it()
    {
        var link = Link("w");
        await link.JoinAsync();
        await using var frontier = new RedisFrontier(link);
        await frontier.EnqueueAsync(new Request(new Uri("http://a.test/one")));

        await redis.Connection.GetDatabase().KeyDeleteAsync($"audiocrawl:{{{_crawlId}}}:marker");

        var lost = await Assert.ThrowsAsync<RedisCrawlLostException>(async () => await frontier.DequeueAsync());
        Assert.Contains($"Redis at {redis.Url} no longer holds crawl '{_crawlId}'", lost.Message);
        Assert.Contains("written by w at", lost.Message);
        await Assert.ThrowsAsync<RedisCrawlLostException>(async () => await new RedisPairKeyStore(link).TryAddAsync(PairKey.Of("http://a.test/1.wav", "one")));
        Assert.True(link.IsLost);
    }

    [Fact]
    public async Task A_key_in_the_markers_place_that_is_not_a_marker_is_an_error_naming_it()
    {
        await redis.Connection.GetDatabase().StringSetAsync($"audiocrawl:{{{_crawlId}}}:marker", "something else");

        var error = await Assert.ThrowsAsync<Crawler.Abstractions.CrawlerException>(() => Link("w").JoinAsync());

        Assert.Contains($"audiocrawl:{{{_crawlId}}}:marker is not an audiocrawl crawl marker", error.Message);
    }
}
