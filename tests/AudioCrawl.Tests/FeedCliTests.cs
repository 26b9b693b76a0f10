using AudioCrawl.SampleSite.Feeds;
using AudioCrawl.Testing;
using Crawler.Core.Runs;
using Xunit;

namespace AudioCrawl.Tests;

/// <summary>The feed spider end to end through the CLI against the local mock feeds: CSV, shards, and scheduled runs with conditional GET.</summary>
public sealed class FeedCliTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FeedSite _site = new();

    public FeedCliTests() =>
        File.WriteAllText(_temp.File("crawlers.json"), """{"spiders": {"feed": {"schedule": {"cron": "0 * * * *"}}}}""");

    public void Dispose() => _temp.Dispose();

    private Task<ProcessResult> RunOnceAsync(LoopbackServer server) =>
        Cli.RunAsync("run-once", "feed", "--config", _temp.File("crawlers.json"), "--state-dir", _temp.File("state"),
            "--set", $"feeds={server.Url(FeedSite.RssPath)},{server.Url(FeedSite.AtomPath)}", "--delay", "0");

    [Fact]
    public async Task Sample_site_names_the_local_copies_it_has_when_asked_for_another()
    {
        var result = await Cli.RunAsync("sample-site", "no-such-site");

        Assert.Equal(ExitCodes.BadUsage, result.ExitCode);
        Assert.Contains("'no-such-site'", result.Error);
        Assert.Contains("feeds, archive, bbc-sfx, commons, xenocanto, freesound", result.Error);
    }

    [Fact]
    public async Task Crawls_feeds_into_csv_and_webdataset_shards_with_the_licence_in_each_sample()
    {
        await using var server = await LoopbackServer.StartAsync(_site);
        var csv = _temp.File("feed.csv");
        var shards = _temp.File("shards");

        var result = await Cli.RunAsync("crawl", "feed", "-o", csv, "--webdataset", shards, "--config", _temp.File("crawlers.json"),
            "--set", $"opml={server.Url(FeedSite.OpmlPath)}", "--delay", "0");

        Assert.True(result.ExitCode == 0, result.Error);
        var expected = _site.ExpectedPairs(server.BaseUrl).ToHashSet();
        var rows = await CsvFile.ReadPairsWithPythonAsync(csv);
        Assert.Equal(expected, rows.ToHashSet());
        Assert.Equal(expected.Count, rows.Count);
        var samples = await WebDatasetReader.ReadAllWithPythonAsync(shards);
        Assert.Equal(expected.Count, samples.Count);
        Assert.All(samples, s => Assert.Equal("flac", s.AudioExtension));
        Assert.Equal(
            new HashSet<string> { FeedSite.License, "CC BY-NC 4.0" },
            samples.Select(s => s.Json.GetProperty("original_data").GetProperty("license").GetString()!).ToHashSet());
    }

    [Fact]
    public async Task A_second_scheduled_run_gets_304_for_unchanged_feeds_and_writes_no_rows_then_reads_a_changed_feed_again()
    {
        await using var server = await LoopbackServer.StartAsync(_site);

        var first = await RunOnceAsync(server);
        var second = await RunOnceAsync(server);
        var added = _site.Publish("storm-petrels", "Storm petrels at the colony");
        var third = await RunOnceAsync(server);

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.True(third.ExitCode == 0, third.Error);
        string[] csvs;
        await using (var state = await SpiderState.OpenAsync(Path.Combine(_temp.File("state"), "feed")))
            csvs = [.. (await state.ListRunsAsync()).Select(r => r.Output)];
        Assert.Equal(3, csvs.Length);
        var firstPairs = CsvFile.ReadPairs(csvs[0]);
        Assert.Equal(5, firstPairs.Count);
        Assert.Empty(CsvFile.ReadPairs(csvs[1]));
        Assert.Equal([(server.Url(added.MediaPath).AbsoluteUri, added.Title)], CsvFile.ReadPairs(csvs[2]));
        Assert.Contains("2 pages were unchanged since the last run (304 Not Modified", second.Error);
        Assert.Contains("feed/unchanged: 2", second.Output);
        Assert.DoesNotContain("feed/unchanged", first.Output);
        // Run 1: two full feeds. Run 2: two 304s. Run 3: the RSS feed changed (full), the Atom feed did not (304).
        Assert.Equal(3, _site.FullResponses);
        Assert.Equal(3, _site.NotModifiedResponses);
    }
}
