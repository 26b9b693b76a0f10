using Crawler.Core.Politeness;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Crawler.Core.Tests.Politeness;

public sealed class HostPolitenessTests
{
    private static readonly Uri A = new("http://a.test/page");
    private static readonly Uri B = new("http://b.test/page");

    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(0.5, 1.0)]
    [InlineData(0.999, 1.499)]
    public async Task The_randomised_delay_is_half_to_one_and_a_half_times_the_delay(double random, double factor)
    {
        var clock = new FakeTimeProvider();
        var slots = new HostSlots(new PolitenessOptions { PerHost = 4, Delay = TimeSpan.FromSeconds(10) }, clock, () => random);
        (await slots.AcquireAsync(A)).Dispose();
        var second = slots.AcquireAsync(A).AsTask();

        clock.Advance(TimeSpan.FromSeconds(10 * factor) - TimeSpan.FromMilliseconds(20));
        Assert.False(second.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(20));
        (await second).Dispose();
    }

    [Fact]
    public async Task A_429_with_Retry_After_pauses_that_host_only_and_doubles_its_delay()
    {
        var clock = new FakeTimeProvider();
        var slots = new HostSlots(new PolitenessOptions { Delay = TimeSpan.FromSeconds(0.5), RandomizeDelay = false }, clock);
        (await slots.AcquireAsync(A)).Dispose();
        clock.Advance(TimeSpan.FromSeconds(1));

        slots.SlowDown(A, TimeSpan.FromSeconds(2));
        var paused = slots.AcquireAsync(A).AsTask();
        var other = slots.AcquireAsync(B).AsTask();

        Assert.True(other.IsCompleted);
        Assert.False(paused.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1.9));
        Assert.False(paused.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(0.1));
        (await paused).Dispose();
        Assert.Equal(TimeSpan.FromSeconds(1), slots.DelayOf(A));
        Assert.Equal(TimeSpan.FromSeconds(0.5), slots.DelayOf(B));
    }

    [Fact]
    public async Task A_Retry_After_longer_than_the_maximum_is_cut_to_it()
    {
        var clock = new FakeTimeProvider();
        var slots = new HostSlots(new PolitenessOptions { Delay = TimeSpan.Zero, RandomizeDelay = false, MaxRetryAfter = TimeSpan.FromSeconds(30) }, clock);

        slots.SlowDown(A, TimeSpan.FromDays(1));
        var paused = slots.AcquireAsync(A).AsTask();
        clock.Advance(TimeSpan.FromSeconds(29.9));
        Assert.False(paused.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(0.1));

        (await paused.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
    }

    [Fact]
    public void AutoThrottle_moves_the_delay_toward_latency_over_target_concurrency()
    {
        var slots = new HostSlots(new PolitenessOptions
        {
            Delay = TimeSpan.FromSeconds(0.2), AutoThrottle = true, TargetConcurrency = 2, StartDelay = TimeSpan.FromSeconds(5),
        }, new FakeTimeProvider());
        Assert.Equal(TimeSpan.FromSeconds(5), slots.DelayOf(A));

        slots.RecordResponse(A, 200, TimeSpan.FromSeconds(2));
        Assert.Equal(TimeSpan.FromSeconds(3), slots.DelayOf(A));
        for (var i = 0; i < 30; i++)
            slots.RecordResponse(A, 200, TimeSpan.FromSeconds(2));
        Assert.Equal(1.0, slots.DelayOf(A).TotalSeconds, precision: 3);

        for (var i = 0; i < 30; i++)
            slots.RecordResponse(A, 200, TimeSpan.FromMilliseconds(10));
        Assert.Equal(TimeSpan.FromSeconds(0.2), slots.DelayOf(A));
        Assert.Equal(TimeSpan.FromSeconds(5), slots.DelayOf(B));
    }

    [Fact]
    public void AutoThrottle_never_lowers_the_delay_after_an_error_response()
    {
        var slots = new HostSlots(new PolitenessOptions { Delay = TimeSpan.Zero, AutoThrottle = true, StartDelay = TimeSpan.FromSeconds(4) }, new FakeTimeProvider());

        slots.RecordResponse(A, 500, TimeSpan.FromMilliseconds(5));
        slots.RecordResponse(A, 404, TimeSpan.FromMilliseconds(5));
        Assert.Equal(TimeSpan.FromSeconds(4), slots.DelayOf(A));

        slots.RecordResponse(A, 500, TimeSpan.FromSeconds(20));
        Assert.Equal(TimeSpan.FromSeconds(20), slots.DelayOf(A));
    }

    [Fact]
    public void AutoThrottle_stays_under_the_maximum_delay()
    {
        var slots = new HostSlots(new PolitenessOptions { AutoThrottle = true, MaxDelay = TimeSpan.FromSeconds(8) }, new FakeTimeProvider());
        slots.RecordResponse(A, 200, TimeSpan.FromSeconds(100));
        Assert.Equal(TimeSpan.FromSeconds(8), slots.DelayOf(A));
    }

    [Fact]
    public void A_robots_txt_crawl_delay_is_a_floor_for_the_host()
    {
        var slots = new HostSlots(new PolitenessOptions { Delay = TimeSpan.FromSeconds(0.5), AutoThrottle = true, StartDelay = TimeSpan.Zero }, new FakeTimeProvider());

        slots.SetCrawlDelay(A, TimeSpan.FromSeconds(3));
        slots.RecordResponse(A, 200, TimeSpan.FromMilliseconds(1));

        Assert.Equal(TimeSpan.FromSeconds(3), slots.DelayOf(A));
        Assert.Equal(TimeSpan.FromSeconds(0.5), slots.DelayOf(B));
    }
}
