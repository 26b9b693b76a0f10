using AudioCrawl.SampleSite.Sounds;
using AudioCrawl.SampleSite.TestSites.Scripted;
using AudioCrawl.Testing;
using Sinks.Download;
using Xunit;
using CliRunner = AudioCrawl.Tests.Cli;

namespace AudioCrawl.Tests.Hosting;

/// <summary>Every command builds its crawl from the one crawl host: what used to differ between them, seen from the server.</summary>
public sealed class OneCrawlHostTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Run_once_fetches_the_pages_of_a_follow_rule_with_the_browser_fetcher()
    {
        var site = new ScriptedSite();
        await using var server = await LoopbackServer.StartAsync(site);
        server.Page(BrowserFollowConfig.IndexPath, BrowserFollowConfig.IndexHtml);
        var config = BrowserFollowConfig.Write(_temp.Path);
        var state = _temp.File("state");

        var result = await CliRunner.RunAsync("run-once", BrowserFollowConfig.Spider, "--state-dir", state, "--config", config, "--set", $"baseUrl={server.BaseUrl}");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Output + result.Error);
        var csv = Assert.Single(Directory.GetFiles(Path.Combine(state, BrowserFollowConfig.Spider), "pairs-*.csv"));
        Assert.Equal(site.ExpectedPairs(server.BaseUrl).ToHashSet(), CsvFile.ReadPairs(csv).ToHashSet());
        Assert.Equal(1, server.Hits("/api/sounds")); // only the library's script asks for it: the browser ran the page
        Assert.Equal(1, server.Hits("/index"));
    }

    [Fact]
    public async Task Crawl_download_keeps_the_pages_and_the_audio_of_one_host_within_its_per_host_limit()
    {
        const int perHost = 2;
        var site = new SoundLibrarySite(new SoundCatalogue(40));
        await using var server = await LoopbackServer.StartAsync(site);
        server.Latency = TimeSpan.FromMilliseconds(40);
        var csv = _temp.File("pairs.csv");
        var audio = _temp.File("audio");

        var result = await CliRunner.RunAsync("crawl", "sounds", "-o", csv, "--audio-dir", audio, "--no-transcode",
            "--set", $"baseUrl={server.BaseUrl}", "--delay", "0", "--per-host", $"{perHost}", "--set", "concurrency=8", "--download-concurrency", "8");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Output + result.Error);
        var pairs = CsvFile.ReadPairs(csv);
        Assert.Equal(site.ExpectedPairs(server.BaseUrl).Count, pairs.Count);
        var audioRequested = server.Log.Where(r => r.PathAndQuery.StartsWith("/audio/", StringComparison.Ordinal)).Select(r => server.Url(r.PathAndQuery).AbsoluteUri);
        Assert.Equal(pairs.Select(p => p.Url).ToHashSet(), audioRequested.ToHashSet());
        Assert.All(pairs, pair => Assert.True(File.Exists(Path.Combine(audio, SampleKey.Of(pair.Url, pair.Text) + ".json")), pair.Url));
        Assert.Equal(perHost, server.PeakConcurrency(server.BaseUrl.Host));
    }
}
