using System.Text.Json;
using AudioCrawl.SampleSite.Sounds;
using AudioCrawl.Testing;
using Xunit;

namespace AudioCrawl.Tests;

/// <summary>The real audiocrawl executable in a child process: exit codes and signals cross a process boundary.</summary>
public sealed class ProcessTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public ProcessTests() => File.WriteAllText(_temp.File("crawlers.json"), "{}");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task The_executable_crawls_the_sample_site_into_the_expected_csv()
    {
        var site = new SoundLibrarySite(new SoundCatalogue(80));
        await using var server = await LoopbackServer.StartAsync(site);

        var result = await AudioCrawlProcess.RunAsync(_temp.Path, TimeSpan.FromMinutes(2),
            "crawl", "sounds", "-o", "pairs.csv", "--set", $"baseUrl={server.BaseUrl}", "--delay", "0", "--per-host", "4");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(site.ExpectedPairs(server.BaseUrl).ToHashSet(), (await CsvFile.ReadPairsWithPythonAsync(_temp.File("pairs.csv"))).ToHashSet());
    }

    [Fact]
    public async Task Ctrl_c_stops_gracefully_and_every_acknowledged_row_is_in_a_valid_csv()
    {
        var site = new SoundLibrarySite(new SoundCatalogue(400));
        await using var server = await LoopbackServer.StartAsync(site);
        server.Latency = TimeSpan.FromMilliseconds(100);
        var csv = _temp.File("partial.csv");

        using var crawl = AudioCrawlProcess.Start(_temp.Path,
            "crawl", "sounds", "-o", csv, "--set", $"baseUrl={server.BaseUrl}", "--delay", "0", "--per-host", "2", "--stats", "stats.json");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (CsvFile.CountLines(csv) < 12 && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        await crawl.SignalAsync("INT");
        var result = await crawl.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("stopping gracefully", result.Error);
        Assert.Contains("sounds: stopped (cancelled)", result.Output);
        var rows = await CsvFile.ReadPairsWithPythonAsync(csv);
        using var stats = JsonDocument.Parse(await File.ReadAllTextAsync(_temp.File("stats.json")));
        Assert.Equal(stats.RootElement.GetProperty("stats").GetProperty("items").GetInt64(), rows.Count);
        Assert.InRange(rows.Count, 10, site.ExpectedPairs(server.BaseUrl).Count - 1);
        Assert.Subset(site.ExpectedPairs(server.BaseUrl).ToHashSet(), rows.ToHashSet());
    }

    [Fact]
    public async Task Bad_usage_exits_with_code_2()
    {
        var result = await AudioCrawlProcess.RunAsync(_temp.Path, TimeSpan.FromMinutes(1), "crawl", "no-such-spider", "-o", "x.csv");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Unknown spider 'no-such-spider'", result.Error);
    }
}
