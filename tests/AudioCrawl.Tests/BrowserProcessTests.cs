using System.Text.Json;
using AudioCrawl.SampleSite.Podcast;
using AudioCrawl.Testing;
using Xunit;

namespace AudioCrawl.Tests;

/// <summary>The executable crawling with the browser fetcher in a child process, stopped by Ctrl+C.</summary>
public sealed class BrowserProcessTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Ctrl_c_during_a_browser_crawl_stops_gracefully_with_a_valid_csv()
    {
        var site = new PodcastSite(episodes: 150);
        await using var server = await LoopbackServer.StartAsync(site);
        var csv = _temp.File("partial.csv");

        using var crawl = AudioCrawlProcess.Start(_temp.Path,
            "crawl", "podcast", "-o", csv, "--config", DeclarativeFixtures.ConfigPath, "--set", $"baseUrl={server.BaseUrl}",
            "--set", "fetcher=browser", "--stats", "stats.json");
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (CsvFile.CountLines(csv) < 6 && DateTime.UtcNow < deadline && !crawl.OutputSoFar.Contains("podcast:", StringComparison.Ordinal))
            await Task.Delay(50);
        await crawl.SignalAsync("INT");
        var result = await crawl.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("Started /usr/bin/chromium", result.Error);
        Assert.Contains("podcast: stopped (cancelled)", result.Output);
        var rows = await CsvFile.ReadPairsWithPythonAsync(csv);
        using var stats = JsonDocument.Parse(await File.ReadAllTextAsync(_temp.File("stats.json")));
        Assert.Equal(stats.RootElement.GetProperty("stats").GetProperty("items").GetInt64(), rows.Count);
        Assert.InRange(rows.Count, 5, site.ExpectedPairs(server.BaseUrl).Count - 1);
        Assert.Subset(site.ExpectedPairs(server.BaseUrl).ToHashSet(), rows.ToHashSet());
    }
}
