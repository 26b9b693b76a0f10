using System.Text.Json.Nodes;
using AudioCrawl.SampleSite.Sounds;
using AudioCrawl.Scheduling;
using AudioCrawl.Testing;
using Crawler.Core.Configuration;
using Crawler.Core.Engine;
using Crawler.Core.Hosting;
using Crawler.Core.Runs;
using Crawler.Core.Spiders;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace AudioCrawl.Tests.Scheduling;

/// <summary>A scheduled run killed with SIGKILL in a child process, then picked up by the scheduler's next tick.</summary>
public sealed class KilledRunTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_run_killed_mid_way_resumes_at_the_next_tick_and_its_csv_has_every_pair_once()
    {
        File.WriteAllText(_temp.File("crawlers.json"), "{}");
        var site = new SoundLibrarySite(new SoundCatalogue(2000));
        await using var server = await LoopbackServer.StartAsync(site);
        server.Latency = TimeSpan.FromMilliseconds(3);
        var expected = site.ExpectedPairs(server.BaseUrl).ToHashSet();
        var state = _temp.File("state");
        var spiderDirectory = Path.Combine(state, "sounds");
        string[] settings = ["--set", $"baseUrl={server.BaseUrl}", "--delay", "0", "--per-host", "8", "--concurrency", "16"];

        using (var child = AudioCrawlProcess.Start(_temp.Path, ["run-once", "sounds", "--state-dir", state, .. settings]))
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (RowsSoFar(spiderDirectory) < 300 && DateTime.UtcNow < deadline && !child.HasExited)
                await Task.Delay(10);
            Assert.False(child.HasExited, "the run ended before it could be killed: " + child.ErrorSoFar);
            await child.SignalAsync("KILL");
            await child.WaitAsync(TimeSpan.FromSeconds(30));
        }
        var killedRows = RowsSoFar(spiderDirectory);

        var time = new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 2, 59, 0, TimeSpan.Zero));
        var config = CrawlerConfig.Parse("{}", "test");
        var planner = new CrawlPlanner(new SpiderRegistry(CliEnvironment.BuiltInSpiderAssemblies), config);
        KeyValuePair<string, string>[] overrides = [new("baseUrl", server.BaseUrl.AbsoluteUri), new("delay", "0"), new("perHost", "8"), new("concurrency", "16")];
        var runner = new SpiderRunner(state, config, name => planner.Plan(name, overrides), plan => CrawlHostBuilder.For(plan, NullLoggerFactory.Instance, TimeProvider.System).AddHttpFetcher(), NullLoggerFactory.Instance, TimeProvider.System);
        var schedules = new Dictionary<string, SpiderSchedule> { ["sounds"] = SpiderSchedule.Parse(new JsonObject { ["cron"] = "0 3 * * *" }, "test") };
        var loop = new ScheduleLoop(schedules, runner, time, new ListLogger());
        time.SetUtcNow(loop.NextWake!.Value);
        var tick = loop.Tick();
        await loop.WhenRunsEndAsync();

        Assert.Equal(["sounds"], tick.Started);
        Assert.True(killedRows >= 300, $"killed after {killedRows} rows");
        await using var store = await SpiderState.OpenAsync(spiderDirectory);
        var runs = await store.ListRunsAsync();
        Assert.Equal(2, runs.Count);
        Assert.Equal(RunStatus.Resumed, runs[0].Status);
        Assert.Equal(runs[1].Id, runs[0].ResumedBy);
        Assert.Equal(RunStatus.Finished, runs[1].Status);
        Assert.Equal(runs[0].Output, runs[1].Output);
        var pairs = CsvFile.ReadPairs(runs[1].Output);
        Assert.Equal(pairs.Count, pairs.Distinct().Count());
        Assert.True(expected.SetEquals(pairs), $"{pairs.Count} pairs, expected {expected.Count}");
        Assert.Equal(expected.Count, runs[1].NewPairs);
        Assert.False(Directory.Exists(Path.Combine(spiderDirectory, SpiderRunner.JobFolder)), "a finished run leaves no job behind");
    }

    private static int RowsSoFar(string directory)
    {
        if (!Directory.Exists(directory))
            return 0;
        var count = 0;
        foreach (var path in Directory.GetFiles(directory, "pairs-*.csv"))
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = stream.Read(buffer)) > 0)
                count += buffer.AsSpan(0, read).Count((byte)'\n');
            count = Math.Max(count - 1, 0);
        }
        return count;
    }
}
