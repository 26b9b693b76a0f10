using AudioCrawl.Testing;
using Crawler.Abstractions.Stats;
using Crawler.Core.Metrics;
using Xunit;

namespace Crawler.Core.Tests.Metrics;

public sealed class TimelineFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static TimelinePoint Point(long requests, double elapsed) => new() { Requests = requests, ElapsedSeconds = elapsed, IntervalSeconds = 5 };

    private async Task<string> WriteAsync(params TimelinePoint[] points)
    {
        var path = _temp.File(TimelineFile.FileName);
        await using var file = await TimelineFile.OpenAsync(path);
        foreach (var point in points)
            await file.AppendAsync(point);
        return path;
    }

    [Fact]
    public async Task A_torn_last_line_is_ignored_on_read()
    {
        var path = await WriteAsync(Point(1, 5), Point(2, 10));
        await File.AppendAllTextAsync(path, "{\"t\":\"2026-12-01T15:00:15+00:00\",\"elapsed_s\":15,\"requ");

        var points = await TimelineFile.ReadAsync(path);

        Assert.Equal([1L, 2L], points.Select(p => p.Requests));
    }

    [Fact]
    public async Task Appending_after_a_crash_cuts_the_torn_line_off_first()
    {
        var path = await WriteAsync(Point(1, 5));
        await File.AppendAllTextAsync(path, "{\"t\":\"2026-12-01T1");

        await using (var file = await TimelineFile.OpenAsync(path))
        {
            Assert.Equal(1, file.Lines);
            await file.AppendAsync(Point(7, 3));
        }

        Assert.Equal([1L, 7L], (await TimelineFile.ReadAsync(path)).Select(p => p.Requests));
    }

    [Fact]
    public async Task A_damaged_line_before_the_last_is_left_out_and_named_for_a_warning()
    {
        var path = _temp.File(TimelineFile.FileName);
        await File.WriteAllTextAsync(path, "{\"requests\":1}\nnot json\n{\"requests\":3}\n{\"requ");

        var read = await TimelineFile.ReadLinesAsync(path);

        Assert.Equal([1L, 3L], read.Records.Select(p => p.Requests));
        Assert.Equal([2], read.Damaged.Select(line => line.Number));
        Assert.True(read.TornLastLine);
        Assert.Equal([1L, 3L], (await TimelineFile.ReadAsync(path)).Select(p => p.Requests));
    }

    [Fact]
    public async Task Downsampling_a_file_with_a_damaged_line_drops_the_line_instead_of_failing_the_crawl()
    {
        var path = await WriteAsync(Point(1, 5), Point(2, 10));
        await File.AppendAllTextAsync(path, "garbage\n");
        await using (var file = await TimelineFile.OpenAsync(path, maxLines: 4))
            Assert.True(await file.AppendAsync(Point(3, 15)));

        var read = await TimelineFile.ReadLinesAsync(path);

        Assert.Empty(read.Damaged);
        Assert.Equal([2L, 3L], read.Records.Select(p => p.Requests));
    }

    [Fact]
    public void Downsampling_keeps_the_later_totals_adds_the_intervals_and_merges_each_hosts_latency()
    {
        var points = new[]
        {
            Point(1, 5) with { LatencyByHost = new Dictionary<string, LatencySummary> { ["a"] = new(1, 100, 100, 100, 100) } },
            Point(3, 10) with { LatencyByHost = new Dictionary<string, LatencySummary> { ["a"] = new(3, 20, 25, 50, 60), ["b"] = new(1, 5, 5, 5, 5) } },
            Point(4, 15),
        };

        var merged = TimelineFile.Downsample(points);

        Assert.Equal([3L, 4L], merged.Select(p => p.Requests));
        Assert.Equal([10.0, 5.0], merged.Select(p => p.IntervalSeconds));
        Assert.Equal(new LatencySummary(4, 40, 100, 100, 100), merged[0].LatencyByHost["a"]);
        Assert.Equal(new LatencySummary(1, 5, 5, 5, 5), merged[0].LatencyByHost["b"]);
    }

    [Fact]
    public void The_time_series_of_a_stats_file_sits_beside_it()
    {
        Assert.Equal(Path.Combine("out", "run.timeline.jsonl"), TimelineFile.Beside(Path.Combine("out", "run.json")));
    }
}
