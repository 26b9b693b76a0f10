using AudioCrawl.Testing;
using Crawler.Abstractions.Stats;
using Crawler.Core.Engine;
using Crawler.Core.Metrics;
using Crawler.Core.Scheduling;
using Crawler.Core.Tests.Engine;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Crawler.Core.Tests.Metrics;

public sealed class TimelineRecorderTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));

    public void Dispose() => _temp.Dispose();

    private TimelineRecorder Recorder(CrawlStats stats, TimelineOptions options) =>
        new(options, stats, new InMemoryFrontier(), _clock, NullLogger<TimelineRecorder>.Instance);

    private static async Task<IReadOnlyList<TimelinePoint>> WaitForPointsAsync(string path, int count)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (File.Exists(path))
            {
                var points = await TimelineFile.ReadAsync(path);
                if (points.Count >= count)
                    return points;
            }
            await Task.Delay(10);
        }
        throw new TimeoutException($"{path} never held {count} points.");
    }

    [Fact]
    public async Task Writes_one_point_per_interval_with_totals_and_that_intervals_latency_then_the_results_stats_last()
    {
        var path = _temp.File(TimelineFile.FileName);
        var stats = new CrawlStats(_clock);
        var recorder = Recorder(stats, new TimelineOptions(path) { Interval = TimeSpan.FromSeconds(5) });
        recorder.OnStarted(new LinkSpider());

        stats.RequestSent();
        stats.ResponseReceived(200, 1000);
        stats.Latency.Record("a.test", TimeSpan.FromMilliseconds(40));
        _clock.Advance(TimeSpan.FromSeconds(5));
        var first = (await WaitForPointsAsync(path, 1))[0];
        stats.RequestSent();
        stats.RequestSent();
        stats.ResponseReceived(404, 10);
        stats.Errors.Increment("http_404");
        stats.ItemsWritten(1);
        stats.Latency.Record("a.test", TimeSpan.FromMilliseconds(300));
        stats.Latency.Record("a.test", TimeSpan.FromMilliseconds(700));
        _clock.Advance(TimeSpan.FromSeconds(5));
        var second = (await WaitForPointsAsync(path, 2))[1];
        stats.Finish();
        var result = new CrawlResult(CrawlOutcome.Finished, FinishReasons.Finished, stats.Snapshot(FinishReasons.Finished), null);
        recorder.OnFinished(result);
        await recorder.DisposeAsync();
        var points = await TimelineFile.ReadAsync(path);

        Assert.Equal((1, 1, 1000L, 5.0), (first.Requests, first.Responses, first.Bytes, first.IntervalSeconds));
        Assert.Equal(new LatencySummary(1, 40, 40, 40, 40), first.LatencyByHost["a.test"]);
        Assert.Equal((3, 2, 1010L, 1L, 10.0), (second.Requests, second.Responses, second.Bytes, second.Items, second.ElapsedSeconds));
        Assert.Equal(new Dictionary<string, long> { ["2xx"] = 1, ["4xx"] = 1 }, second.ResponsesByClass);
        Assert.Equal(1, second.ErrorsByKind["http_404"]);
        Assert.Equal(2, second.LatencyByHost["a.test"].Count);
        Assert.Equal(500, second.LatencyByHost["a.test"].MeanMs);
        Assert.Equal(3, points.Count);
        Assert.Equal(FinishReasons.Finished, points[^1].FinishReason);
        Assert.Equal(result.Stats.Requests, points[^1].Requests);
        Assert.Empty(points[^1].LatencyByHost);
    }

    [Fact]
    public async Task A_crawl_shorter_than_one_interval_still_leaves_its_final_point()
    {
        var path = _temp.File("short.timeline.jsonl");
        var stats = new CrawlStats(_clock);
        var recorder = Recorder(stats, new TimelineOptions(path));
        recorder.OnStarted(new LinkSpider());
        stats.RequestSent();

        recorder.OnFinished(new CrawlResult(CrawlOutcome.Finished, FinishReasons.Finished, stats.Snapshot(FinishReasons.Finished), null));
        await recorder.DisposeAsync();

        var point = Assert.Single(await TimelineFile.ReadAsync(path));
        Assert.Equal(1, point.Requests);
        Assert.Equal(FinishReasons.Finished, point.FinishReason);
    }

    [Fact]
    public async Task Reaching_the_line_limit_merges_neighbouring_points_and_doubles_the_interval()
    {
        var path = _temp.File(TimelineFile.FileName);
        var stats = new CrawlStats(_clock);
        var recorder = Recorder(stats, new TimelineOptions(path) { Interval = TimeSpan.FromSeconds(1), MaxLines = 4 });
        recorder.OnStarted(new LinkSpider());

        for (var second = 1; second <= 4; second++)
        {
            stats.RequestSent();
            stats.Latency.Record("a.test", TimeSpan.FromMilliseconds(second * 10));
            _clock.Advance(TimeSpan.FromSeconds(1));
            await WaitForLinesAsync(path, second == 4 ? 2 : second);
        }
        var merged = await TimelineFile.ReadAsync(path);
        stats.RequestSent();
        _clock.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(100);
        var afterOneSecond = await TimelineFile.ReadAsync(path);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var afterTwoSeconds = await WaitForPointsAsync(path, 3);
        await recorder.DisposeAsync();

        Assert.Equal([2L, 4L], merged.Select(p => p.Requests));
        Assert.Equal([2.0, 2.0], merged.Select(p => p.IntervalSeconds));
        Assert.Equal(2, merged[1].LatencyByHost["a.test"].Count);
        Assert.Equal(35, merged[1].LatencyByHost["a.test"].MeanMs);
        Assert.Equal(2, afterOneSecond.Count);
        Assert.Equal((5L, 2.0), (afterTwoSeconds[2].Requests, afterTwoSeconds[2].IntervalSeconds));
    }

    private static async Task WaitForLinesAsync(string path, int lines)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (File.Exists(path) && (await File.ReadAllLinesAsync(path)).Length == lines)
                return;
            await Task.Delay(10);
        }
        throw new TimeoutException($"{path} never had {lines} lines.");
    }
}
