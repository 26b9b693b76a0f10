using System.Text.Json;
using AudioCrawl.SampleSite.Podcast;
using AudioCrawl.Testing;
using Sinks.Csv;
using Sinks.Download;
using Xunit;
using CliRunner = AudioCrawl.Tests.Cli;

namespace AudioCrawl.Tests.Hosting;

/// <summary>--csv-columns: the CSV keeps what the spider knew, so 'download pairs.csv' later loses nothing.</summary>
public sealed class CsvColumnsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_csv_with_tags_and_original_data_gives_download_the_samples_a_live_crawl_would()
    {
        var site = new PodcastSite(episodes: 6);
        await using var server = await LoopbackServer.StartAsync(site);
        var csv = _temp.File("pairs.csv");
        var files = _temp.File("files");

        var crawl = await CliRunner.RunAsync("crawl", "podcast", "-o", csv, "--config", DeclarativeFixtures.ConfigPath, "--set", $"baseUrl={server.BaseUrl}",
            "--csv-columns", "url,text,tags,original_data,spider,page");
        var download = await CliRunner.RunAsync("download", csv, "-o", files, "--format", "files", "--no-transcode");

        Assert.True(crawl.ExitCode == ExitCodes.Success, crawl.Output + crawl.Error);
        Assert.True(download.ExitCode == ExitCodes.Success, download.Output + download.Error);
        Assert.StartsWith("url,text,tags,original_data,spider,page\r\n", await File.ReadAllTextAsync(csv));
        var pairs = await CsvPairReader.ReadAsync(csv).Select(row => (row.Url, row.Text)).ToListAsync();
        Assert.Equal(site.ExpectedPairs(server.BaseUrl).ToHashSet(), pairs.ToHashSet());
        foreach (var (url, text) in pairs)
        {
            using var sample = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(files, SampleKey.Of(url, text) + ".json")));
            var root = sample.RootElement;
            Assert.Equal(["podcast", "english"], root.GetProperty("tag").EnumerateArray().Select(t => t.GetString()));
            var original = root.GetProperty("original_data");
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}", original.GetProperty("published").GetString());
            Assert.Equal("podcast", original.GetProperty("spider").GetString());
            Assert.StartsWith(server.BaseUrl.AbsoluteUri, original.GetProperty("page").GetString());
        }
    }

    [Fact]
    public async Task An_unknown_column_is_a_usage_error_before_any_request()
    {
        await using var server = await LoopbackServer.StartAsync(new PodcastSite(episodes: 2));

        var result = await CliRunner.RunAsync("crawl", "podcast", "-o", _temp.File("pairs.csv"), "--config", DeclarativeFixtures.ConfigPath,
            "--set", $"baseUrl={server.BaseUrl}", "--csv-columns", "url,text,mood");

        Assert.Equal(ExitCodes.BadUsage, result.ExitCode);
        Assert.Contains("--csv-columns: unknown column 'mood'", result.Error);
        Assert.Equal(0, server.TotalHits);
    }

    [Fact]
    public async Task Run_once_writes_the_columns_asked_for_into_its_run_stamped_csv()
    {
        var site = new PodcastSite(episodes: 4);
        await using var server = await LoopbackServer.StartAsync(site);
        var state = _temp.File("state");

        var result = await CliRunner.RunAsync("run-once", "podcast", "--state-dir", state, "--config", DeclarativeFixtures.ConfigPath,
            "--set", $"baseUrl={server.BaseUrl}", "--csv-columns", "url,text,tags,spider");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Output + result.Error);
        var csv = Assert.Single(Directory.GetFiles(Path.Combine(state, "podcast"), "pairs-*.csv"));
        Assert.StartsWith("url,text,tags,spider\r\n", await File.ReadAllTextAsync(csv));
        var rows = await CsvPairReader.ReadAsync(csv).ToListAsync();
        Assert.Equal(site.ExpectedPairs(server.BaseUrl).ToHashSet(), rows.Select(row => (row.Url, row.Text)).ToHashSet());
        Assert.All(rows, row => Assert.Equal(("podcast|english", "podcast"), (row.Extra["tags"], row.Extra["spider"])));
    }

    [Fact]
    public async Task Schedule_checks_its_columns_before_it_starts()
    {
        File.WriteAllText(_temp.File("crawlers.json"), """{"spiders": {"sounds": {"schedule": {"cron": "0 3 * * *", "timeZone": "UTC"}}}}""");

        var result = await CliRunner.RunAsync("schedule", "--config", _temp.File("crawlers.json"), "--state-dir", _temp.File("state"), "--csv-columns", "url,tags");

        Assert.Equal(ExitCodes.BadUsage, result.ExitCode);
        Assert.Contains("--csv-columns: the columns must include url and text", result.Error);
    }
}
