using Crawler.Abstractions.Stats;
using Crawler.Core.Metrics;
using Xunit;

namespace Reports.Tests;

public sealed class ReportFiguresTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 15, 0, 0, TimeSpan.Zero);

    private static TimelinePoint Point(double elapsed, long responses, long items, double? wallClock = null) =>
        new() { At = Start.AddSeconds(wallClock ?? elapsed), ElapsedSeconds = elapsed, Responses = responses, Items = items };

    [Fact]
    public void Rates_are_the_differences_of_neighbouring_points_over_their_elapsed_time()
    {
        var rates = ReportFigures.Rates([Point(5, 50, 10), Point(10, 150, 60), Point(20, 150, 60)]);

        Assert.Equal(
            [new RatePoint(5, 10, 2), new RatePoint(10, 20, 10), new RatePoint(20, 0, 0)],
            rates);
    }

    [Fact]
    public void A_resumed_job_starts_a_new_run_whose_counts_start_from_zero_on_the_same_clock()
    {
        var rates = ReportFigures.Rates([Point(5, 50, 5), Point(10, 100, 10), Point(4, 40, 8, wallClock: 64)]);

        Assert.Equal(new RatePoint(64, 10, 2), rates[^1]);
    }

    [Fact]
    public void Latency_over_a_run_merges_each_hosts_intervals()
    {
        var points = new[]
        {
            Point(5, 1, 0) with { LatencyByHost = new Dictionary<string, LatencySummary> { ["a:80"] = new(2, 10, 10, 25, 12) } },
            Point(10, 2, 0) with { LatencyByHost = new Dictionary<string, LatencySummary> { ["a:80"] = new(2, 30, 50, 50, 40), ["b:80"] = new(1, 7, 10, 10, 7) } },
        };

        var latency = ReportFigures.Latency(points);

        Assert.Equal(new LatencySummary(4, 20, 50, 50, 40), latency["a:80"]);
        Assert.Equal(new LatencySummary(1, 7, 10, 10, 7), latency["b:80"]);
    }

    [Fact]
    public void Durations_fall_into_even_bins_with_the_empty_ones_kept()
    {
        double[] durations = [0.5, 1.2, 1.9, 4.0, 4.99, 5.0];

        var bin = ReportFigures.DurationBin(durations);
        var histogram = ReportFigures.DurationHistogram(durations, bin);

        Assert.Equal(1, bin);
        Assert.Equal(["0–1 s", "1–2 s", "2–3 s", "3–4 s", "4–5 s", "5–6 s"], histogram.Select(b => b.Label));
        Assert.Equal([1L, 2, 0, 0, 2, 1], histogram.Select(b => b.Count));
        Assert.Equal(30, ReportFigures.DurationBin([299.0]));
    }
}
