using Crawler.Abstractions.Http;
using Crawler.Core.Pipeline;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Crawler.Redis.Tests;

/// <summary>What the shared frontier adds to the contract: leases, cluster-wide idleness, one seeder, shared pair keys.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisFrontierLeaseTests(RedisServer redis)
{
    private readonly string _crawlId = "lease-" + Guid.NewGuid().ToString("N");

    private RedisFrontier Worker(string id, TimeSpan? lease = null, TimeProvider? time = null) =>
        new(redis.Link(new RedisCrawlOptions { CrawlId = _crawlId, WorkerId = id, LeaseTimeout = lease ?? TimeSpan.FromSeconds(30) }, time));

    private static Request Get(string url) => new(new Uri(url));

    /// <summary>Polls <paramref name="worker"/> until it leases a request or <paramref name="timeout"/> passes.</summary>
    private static async Task<Request?> DequeueWithinAsync(RedisFrontier worker, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await worker.DequeueAsync() is { } request)
                return request;
            await Task.Delay(50);
        }
        return null;
    }

    [Fact]
    public async Task A_request_leased_by_a_worker_that_stopped_beating_goes_to_another_worker_after_the_lease_timeout()
    {
        // A frozen clock: the silent worker's heartbeat never fires, as if the process had been killed.
        var silent = Worker("silent", TimeSpan.FromMilliseconds(400), new FakeTimeProvider());
        await using var alive = Worker("alive");
        await alive.EnqueueAsync(Get("http://a.test/leased"));
        var leased = await silent.DequeueAsync();
        Assert.Null(await alive.DequeueAsync());

        var recovered = await DequeueWithinAsync(alive, TimeSpan.FromSeconds(20));

        Assert.Equal(leased!.Url, recovered?.Url);
        Assert.Equal(1, (await RedisCrawlState.ReadAsync(redis.Connection, _crawlId)).Reclaimed);
    }

    [Fact]
    public async Task A_living_worker_keeps_its_leases_past_the_timeout()
    {
        await using var slow = Worker("slow", TimeSpan.FromSeconds(1.5));
        await using var other = Worker("other");
        await slow.EnqueueAsync(Get("http://a.test/slow"));
        Assert.NotNull(await slow.DequeueAsync());

        var probes = 0;
        var start = DateTime.UtcNow;
        while (DateTime.UtcNow - start < TimeSpan.FromSeconds(4))
        {
            Assert.Null(await other.DequeueAsync());
            probes++;
            await Task.Delay(100);
        }

        Assert.True(probes > 5);
    }

    [Fact]
    public async Task A_worker_that_leaves_gives_back_the_requests_it_did_not_complete()
    {
        var leaving = Worker("leaving");
        await using var staying = Worker("staying");
        await leaving.EnqueueAsync(Get("http://a.test/done"));
        await leaving.EnqueueAsync(Get("http://a.test/abandoned"));
        await leaving.CompleteAsync((await leaving.DequeueAsync())!);
        await leaving.DequeueAsync();

        await leaving.DisposeAsync();

        Assert.Equal("/abandoned", (await staying.DequeueAsync())?.Url.AbsolutePath);
        Assert.Null(await staying.DequeueAsync());
    }

    [Fact]
    public async Task The_crawl_is_drained_only_when_seeded_with_nothing_pending_and_no_lease_held_anywhere()
    {
        await using var first = Worker("first");
        await using var second = Worker("second");
        Assert.False(await first.IsDrainedAsync());
        await first.EnqueueAsync(Get("http://a.test/only"));
        await first.FinishSeedingAsync();
        Assert.False(await second.IsDrainedAsync());

        var request = await first.DequeueAsync();
        Assert.False(await second.IsDrainedAsync());
        await first.CompleteAsync(request!);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await second.IsDrainedAsync() && DateTime.UtcNow < deadline)
            await Task.Delay(20);

        Assert.True(await second.IsDrainedAsync());
    }

    [Fact]
    public async Task A_crawl_whose_every_lease_is_parked_is_settled_but_drains_only_once_they_are_completed()
    {
        await using var first = Worker("first");
        await using var second = Worker("second");
        await first.EnqueueAsync(Get("http://a.test/one"));
        await first.EnqueueAsync(Get("http://a.test/two"));
        await first.FinishSeedingAsync();
        var one = await first.DequeueAsync();
        var two = await second.DequeueAsync();

        Assert.True(await first.ParkAsync(one!));
        Assert.False(await second.IsSettledAsync());
        Assert.True(await second.ParkAsync(two!));
        Assert.True(await first.IsSettledAsync());
        Assert.False(await first.IsDrainedAsync());
        await first.CompleteAsync(one!);
        await second.CompleteAsync(two!);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await first.IsDrainedAsync() && DateTime.UtcNow < deadline)
            await Task.Delay(20);

        Assert.True(await first.IsDrainedAsync());
        Assert.Equal(0, (await RedisCrawlState.ReadAsync(redis.Connection, _crawlId)).Parked);
    }

    [Fact]
    public async Task A_parked_lease_of_a_silent_worker_goes_to_another_worker_and_can_no_longer_be_parked_by_it()
    {
        var silent = Worker("silent", TimeSpan.FromMilliseconds(400), new FakeTimeProvider());
        await using var alive = Worker("alive");
        await alive.EnqueueAsync(Get("http://a.test/sample"));
        await alive.FinishSeedingAsync();
        var leased = await silent.DequeueAsync();
        Assert.True(await silent.ParkAsync(leased!));

        var recovered = await DequeueWithinAsync(alive, TimeSpan.FromSeconds(20));

        Assert.Equal(leased!.Url, recovered?.Url);
        Assert.False(await silent.ParkAsync(leased));
        Assert.Equal(0, (await RedisCrawlState.ReadAsync(redis.Connection, _crawlId)).Parked);
    }

    [Fact]
    public async Task A_worker_started_under_the_name_of_a_killed_one_puts_its_leases_back_at_once()
    {
        // The killed process: its clock is frozen, so it never renews, but its lease is far from expired.
        var killed = Worker("w0", TimeSpan.FromSeconds(60), new FakeTimeProvider());
        await killed.EnqueueAsync(Get("http://a.test/held"));
        Assert.NotNull(await killed.DequeueAsync());
        await using var restarted = Worker("w0", TimeSpan.FromSeconds(60));

        Assert.Equal("/held", (await restarted.DequeueAsync())?.Url.AbsolutePath);
        Assert.Equal(1, (await RedisCrawlState.ReadAsync(redis.Connection, _crawlId)).Reclaimed);
    }

    [Fact]
    public async Task A_request_given_back_goes_to_the_front_of_the_queue_for_any_worker()
    {
        await using var first = Worker("first");
        await using var second = Worker("second");
        await first.EnqueueAsync(Get("http://a.test/given-back"));
        await first.EnqueueAsync(Get("http://a.test/next"));
        var request = await first.DequeueAsync();
        Assert.True(await first.ParkAsync(request!));

        await first.GiveBackAsync(request!);

        Assert.Equal("/given-back", (await second.DequeueAsync())?.Url.AbsolutePath);
        Assert.Equal(0, (await RedisCrawlState.ReadAsync(redis.Connection, _crawlId)).Parked);
    }

    [Fact]
    public async Task Only_the_first_worker_seeds()
    {
        await using var first = Worker("first");
        await using var second = Worker("second");
        Assert.True(await first.TryClaimSeedingAsync());
        Assert.False(await second.TryClaimSeedingAsync());
        Assert.False(await first.TryClaimSeedingAsync());
    }

    [Fact]
    public async Task Crawls_with_different_ids_do_not_share_requests()
    {
        await using var mine = Worker("w");
        await using var theirs = new RedisFrontier(redis.Link(new RedisCrawlOptions { CrawlId = _crawlId + "-other", WorkerId = "w" }));
        Assert.True(await mine.EnqueueAsync(Get("http://a.test/x")));
        Assert.True(await theirs.EnqueueAsync(Get("http://a.test/x")));
        Assert.Equal(1, await theirs.CountAsync());
        Assert.NotNull(await theirs.DequeueAsync());
        Assert.Equal(1, await mine.CountAsync());
    }

    [Fact]
    public async Task A_pair_is_claimed_once_across_workers_unless_its_owner_died()
    {
        var key = PairKey.Of("http://a.test/1.wav", "one");
        await using var owner = Worker("owner");
        await owner.DequeueAsync();
        var ownerKeys = new RedisPairKeyStore(redis.Link(new RedisCrawlOptions { CrawlId = _crawlId, WorkerId = "owner" }));
        var otherKeys = new RedisPairKeyStore(redis.Link(new RedisCrawlOptions { CrawlId = _crawlId, WorkerId = "other" }));
        var orphanKeys = new RedisPairKeyStore(redis.Link(new RedisCrawlOptions { CrawlId = _crawlId, WorkerId = "gone" }));

        Assert.True(await ownerKeys.TryAddAsync(key));
        Assert.False(await otherKeys.TryAddAsync(key));
        Assert.False(await ownerKeys.TryAddAsync(key));
        var orphan = PairKey.Of("http://a.test/2.wav", "two");
        Assert.True(await orphanKeys.TryAddAsync(orphan));
        Assert.True(await otherKeys.TryAddAsync(orphan));
    }
}
