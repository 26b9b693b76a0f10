using System.Text.Json.Nodes;
using AudioCrawl.Scheduling;
using Crawler.Core.Runs;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace AudioCrawl.Tests.Scheduling;

public sealed class ScheduleLoopTests
{
    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text + "Z", System.Globalization.CultureInfo.InvariantCulture);

    private static Dictionary<string, SpiderSchedule> Nightly(string spider, string cron = "0 3 * * *", string zone = "Europe/London") =>
        new() { [spider] = SpiderSchedule.Parse(new JsonObject { ["cron"] = cron, ["timeZone"] = zone }, "test") };

    [Fact]
    public async Task A_spider_starts_when_due_and_the_next_wake_follows_the_clocks_going_forward()
    {
        var time = new FakeTimeProvider(Utc("2026-03-27T12:00:00"));
        var runner = new FakeRunner(time);
        var logger = new ListLogger();
        var loop = new ScheduleLoop(Nightly("dictionary"), runner, time, logger);

        var early = loop.Tick();
        time.SetUtcNow(loop.NextWake!.Value);
        var due = loop.Tick();
        await runner.StartedAsync(1);
        runner.FinishRuns();
        await loop.WhenRunsEndAsync();

        Assert.Empty(early.Started);
        Assert.Equal(["dictionary"], due.Started);
        Assert.Equal([("dictionary", Utc("2026-03-28T03:00:00"))], runner.Starts);
        Assert.Equal(Utc("2026-03-29T02:00:00"), loop.NextWake); // 03:00 BST
    }

    [Fact]
    public async Task A_run_still_going_when_the_spider_is_due_again_makes_that_run_skipped_and_logged()
    {
        var time = new FakeTimeProvider(Utc("2026-01-01T00:00:30"));
        var runner = new FakeRunner(time);
        var logger = new ListLogger();
        var loop = new ScheduleLoop(Nightly("youtube", "* * * * *", "UTC"), runner, time, logger);

        time.SetUtcNow(Utc("2026-01-01T00:01:00"));
        var first = loop.Tick();
        await runner.FirstStart.Task;
        time.SetUtcNow(Utc("2026-01-01T00:02:00"));
        var overlapping = loop.Tick();
        runner.FinishRuns();
        await loop.WhenRunsEndAsync();
        time.SetUtcNow(Utc("2026-01-01T00:03:00"));
        var afterwards = loop.Tick();
        await runner.StartedAsync(2);
        runner.FinishRuns();
        await loop.WhenRunsEndAsync();

        Assert.Equal(["youtube"], first.Started);
        Assert.Empty(overlapping.Started);
        Assert.Equal(["youtube"], overlapping.Skipped);
        Assert.Equal(["youtube"], afterwards.Started);
        Assert.Equal(2, runner.Starts.Count);
        Assert.Contains(logger.Lines, l => l.Contains("youtube: due at 2026-01-01 00:02:00Z but its previous run is still going; skipped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_late_tick_starts_a_spider_once_not_once_per_missed_time()
    {
        var time = new FakeTimeProvider(Utc("2026-01-01T00:00:30"));
        var runner = new FakeRunner(time);
        var loop = new ScheduleLoop(Nightly("sounds", "* * * * *", "UTC"), runner, time, new ListLogger());

        time.SetUtcNow(Utc("2026-01-01T00:10:30"));
        var tick = loop.Tick();
        await runner.StartedAsync(1);
        runner.FinishRuns();
        await loop.WhenRunsEndAsync();

        Assert.Equal(["sounds"], tick.Started);
        Assert.Single(runner.Starts);
        Assert.Equal(Utc("2026-01-01T00:11:00"), loop.NextWake);
    }

    [Fact]
    public async Task The_service_resumes_an_unfinished_job_at_once_and_stops_its_runs_gracefully_on_shutdown()
    {
        var time = new FakeTimeProvider(Utc("2026-06-01T12:00:00"));
        var runner = new FakeRunner(time, "dictionary");
        var logger = new ListLogger();
        var loop = new ScheduleLoop(Nightly("dictionary"), runner, time, logger);
        using var service = new SchedulerService(loop, time, logger);

        await service.StartAsync(CancellationToken.None);
        await runner.FirstStart.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await service.StopAsync(CancellationToken.None);

        Assert.Equal([("dictionary", Utc("2026-06-01T12:00:00"))], runner.Starts);
        Assert.Equal(1, runner.Stopped);
        Assert.Contains(logger.Lines, l => l.Contains("dictionary: an earlier run did not finish; resuming it now.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_service_sleeps_on_the_clock_until_a_spider_is_due()
    {
        var time = new FakeTimeProvider(Utc("2026-10-24T12:00:00"));
        var runner = new FakeRunner(time);
        var loop = new ScheduleLoop(Nightly("dictionary"), runner, time, new ListLogger());
        using var service = new SchedulerService(loop, time, new ListLogger());

        await service.StartAsync(CancellationToken.None);
        while (!runner.FirstStart.Task.IsCompleted && time.GetUtcNow() < Utc("2026-10-27T00:00:00"))
        {
            time.Advance(TimeSpan.FromMinutes(30));
            await Task.WhenAny(runner.FirstStart.Task, Task.Delay(20));
        }
        runner.FinishRuns();
        await service.StopAsync(CancellationToken.None);

        Assert.Equal("dictionary", runner.Starts[0].Spider);
        Assert.InRange(runner.Starts[0].At, Utc("2026-10-25T03:00:00"), Utc("2026-10-25T03:30:00")); // 03:00 GMT, the day the clocks go back
    }
}
