using Crawler.Core.Live;
using Xunit;

namespace Crawler.Core.Tests.Live;

public sealed class RateHistoryTests
{
    [Fact]
    public void Keeps_the_whole_run_from_its_first_to_its_newest_sample_in_bounded_points()
    {
        var history = new RateHistory(capacity: 10);

        for (var second = 1; second <= 1000; second++)
            history.Add(new RatePoint(second, second * 3, second * 3, second, 0));

        Assert.InRange(history.Points.Count, 5, 10);
        Assert.Equal(1, history.Points[0].Seconds);
        Assert.Equal(1000, history.Points[^1].Seconds);
        Assert.Equal(3000, history.Points[^1].Requests);
        Assert.True(history.Points.Zip(history.Points.Skip(1)).All(p => p.First.Seconds < p.Second.Seconds), "points out of order");
    }

    [Fact]
    public void Keeps_every_sample_of_a_short_run()
    {
        var history = new RateHistory(capacity: 10);

        for (var second = 1; second <= 7; second++)
            history.Add(new RatePoint(second, second, second, 0, 0));

        Assert.Equal([1, 2, 3, 4, 5, 6, 7], history.Points.Select(p => p.Seconds));
    }
}
