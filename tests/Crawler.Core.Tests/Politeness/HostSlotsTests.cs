using Crawler.Core.Politeness;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Crawler.Core.Tests.Politeness;

public sealed class HostSlotsTests
{
    [Fact]
    public async Task Spaces_the_starts_of_requests_to_one_host_by_the_delay()
    {
        var clock = new FakeTimeProvider();
        var slots = new HostSlots(perHost: 4, TimeSpan.FromSeconds(2), clock);
        var first = slots.AcquireAsync(new Uri("http://a.test/1")).AsTask();
        var second = slots.AcquireAsync(new Uri("http://a.test/2")).AsTask();
        var otherHost = slots.AcquireAsync(new Uri("http://b.test/1")).AsTask();

        Assert.True(first.IsCompleted);
        Assert.True(otherHost.IsCompleted);
        Assert.False(second.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1.9));
        Assert.False(second.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(0.1));
        (await second).Dispose();
        (await first).Dispose();
        (await otherHost).Dispose();
    }

    [Fact]
    public async Task Holds_at_most_per_host_requests_in_flight_until_a_lease_is_released()
    {
        var slots = new HostSlots(perHost: 2, TimeSpan.Zero, new FakeTimeProvider());
        var one = await slots.AcquireAsync(new Uri("http://a.test/1"));
        var two = await slots.AcquireAsync(new Uri("http://a.test/2"));
        var three = slots.AcquireAsync(new Uri("http://a.test/3")).AsTask();
        Assert.False(three.IsCompleted);
        one.Dispose();
        one.Dispose();
        (await three).Dispose();
        two.Dispose();
        var four = slots.AcquireAsync(new Uri("http://a.test/4")).AsTask();
        var five = slots.AcquireAsync(new Uri("http://a.test/5")).AsTask();
        Assert.True(four.IsCompleted && five.IsCompleted);
    }
}
