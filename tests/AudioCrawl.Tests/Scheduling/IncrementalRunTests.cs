using System.Text.RegularExpressions;
using AudioCrawl.Testing;
using Crawler.Core.Runs;
using Xunit;

namespace AudioCrawl.Tests.Scheduling;

/// <summary>Consecutive runs of the catalogue spider against a loopback site that gains items between them.</summary>
public sealed partial class IncrementalRunTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string State => _temp.File("state");

    private string Config
    {
        get
        {
            var path = _temp.File("crawlers.json");
            if (!File.Exists(path))
                File.WriteAllText(path, """{"spiders": {"catalogue": {"schedule": {"cron": "0 3 * * *", "timeZone": "Europe/London"}}}}""");
            return path;
        }
    }

    private Task<ProcessResult> RunOnceAsync(LoopbackServer server) =>
        Cli.RunAsync("run-once", "catalogue", "--config", Config, "--state-dir", State, "--set", $"baseUrl={server.BaseUrl}", "--delay", "0", "--per-host", "4");

    [GeneratedRegex(@"^pairs-\d{8}-\d{6}(-\d+)?\.csv$")]
    private static partial Regex RunStampedCsv();

    [Fact]
    public async Task The_second_run_writes_exactly_the_new_pairs_and_the_export_holds_all_of_them_once()
    {
        await using var server = await LoopbackServer.StartAsync();
        var firstItems = CatalogueSite.Publish(server, 10);
        var first = await RunOnceAsync(server);
        var allItems = CatalogueSite.Publish(server, 25);

        var second = await RunOnceAsync(server);
        var export = await Cli.RunAsync("export", "catalogue", "--state-dir", State, "-o", _temp.File("all.csv"));

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.True(export.ExitCode == 0, export.Error);
        string[] csvs;
        await using (var store = await SpiderState.OpenAsync(Path.Combine(State, "catalogue")))
            csvs = [.. (await store.ListRunsAsync()).Select(r => r.Output)];
        Assert.Equal(2, csvs.Length);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(State, "catalogue"), "pairs-*.csv").Length);
        Assert.All(csvs, csv => Assert.Matches(RunStampedCsv(), Path.GetFileName(csv)));
        Assert.Equal(firstItems.ToHashSet(), CsvFile.ReadPairs(csvs[0]).ToHashSet());
        var secondPairs = CsvFile.ReadPairs(csvs[1]);
        Assert.Equal(allItems.Except(firstItems).ToHashSet(), secondPairs.ToHashSet());
        Assert.Equal(15, secondPairs.Count);
        var exported = CsvFile.ReadPairs(_temp.File("all.csv"));
        Assert.Equal(allItems.Count, exported.Count);
        Assert.Equal(allItems.ToHashSet(), exported.ToHashSet());
        Assert.Equal(1, server.Hits("/item/1")); // never re-crawled: the item was fetched by the first run
        Assert.Equal(2, server.Hits("/catalogue?page=1")); // the start page is fetched by every run
    }

    [Fact]
    public async Task Runs_lists_each_run_with_its_status_counts_and_output()
    {
        await using var server = await LoopbackServer.StartAsync();
        CatalogueSite.Publish(server, 10);
        await RunOnceAsync(server);
        CatalogueSite.Publish(server, 13);
        await RunOnceAsync(server);

        var runs = await Cli.RunAsync("runs", "--state-dir", State);

        Assert.True(runs.ExitCode == 0, runs.Error);
        var lines = runs.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("spider", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^catalogue\s+1\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+finished\s+\d+\s+10\s+0\s+.*pairs-\d{8}-\d{6}", lines[1]);
        Assert.Matches(@"^catalogue\s+2\s+.*finished\s+\d+\s+3\s+0\s+.*pairs-", lines[2]);
    }

    [Fact]
    public async Task A_run_started_while_another_holds_the_spiders_lock_is_skipped_with_exit_code_3()
    {
        await using var server = await LoopbackServer.StartAsync();
        CatalogueSite.Publish(server, 3);
        using var running = RunLock.TryAcquire(Path.Combine(State, "catalogue"));

        var skipped = await RunOnceAsync(server);

        Assert.Equal(ExitCodes.RunInProgress, skipped.ExitCode);
        Assert.Contains("skipped, another run of it is in progress", skipped.Error);
        Assert.Equal(0, server.TotalHits);
    }

    [Fact]
    public async Task Export_of_a_spider_without_runs_names_the_state_directory()
    {
        var export = await Cli.RunAsync("export", "catalogue", "--state-dir", State, "-o", _temp.File("all.csv"));

        Assert.Equal(ExitCodes.BadUsage, export.ExitCode);
        Assert.Contains(Path.Combine(State, "catalogue"), export.Error);
    }
}
