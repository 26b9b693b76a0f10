using System.Text.Json;
using AudioCrawl.SampleSite.TestSites.YouTube;
using AudioCrawl.Testing;
using Xunit;

namespace AudioCrawl.Tests;

/// <summary>The youtube spider end to end through the CLI, against the local mock YouTube and Data API.</summary>
public sealed class YouTubeCliTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly YouTubeCatalogue _catalogue = new();

    public YouTubeCliTests() => File.WriteAllText(_temp.File("crawlers.json"), "{}");

    public void Dispose() => _temp.Dispose();

    private HashSet<(string, string)> Expected(IEnumerable<MockVideo> videos) => videos.Select(v => (v.WatchUrl, v.NormalizedTitle)).ToHashSet();

    [Fact]
    public async Task Crawls_channels_playlists_and_searches_of_the_mock_youtube_into_csv_without_robots()
    {
        await using var server = await LoopbackServer.StartAsync(new YouTubeWebSite(_catalogue));
        var csv = _temp.File("youtube.csv");
        var stats = _temp.File("stats.json");
        var playlist = _catalogue.FindPlaylist("PLlockupLayout000000000000000002")!;

        var result = await Cli.RunAsync("crawl", "youtube", "-o", csv, "--config", _temp.File("crawlers.json"), "--stats", stats,
            "--set", $"baseUrl={server.BaseUrl}", "--set", "channels=@birdsong", "--set", $"playlists={playlist.Id}",
            "--set", "queries=rain on a tin roof", "--set", "obeyRobotsTxt=false", "--delay", "0");

        Assert.True(result.ExitCode == 0, result.Error);
        var searched = _catalogue.Search("rain on a tin roof").Where(v => !v.IsShort && !v.IsLive && !v.IsUpcoming);
        var expected = Expected(_catalogue.BirdsongVideos.Concat(playlist.Videos).Concat(searched));
        var rows = await CsvFile.ReadPairsWithPythonAsync(csv);
        Assert.Equal(expected, rows.ToHashSet());
        Assert.Equal(expected.Count, rows.Count);
        Assert.Contains(server.Log, r => r.Method == "POST" && r.PathAndQuery.StartsWith("/youtubei/v1/browse", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(stats));
        Assert.Equal(expected.Count, json.RootElement.GetProperty("stats").GetProperty("items").GetInt64());
    }

    [Fact]
    public async Task With_robots_txt_obeyed_it_keeps_to_allowed_pages_and_says_so()
    {
        await using var server = await LoopbackServer.StartAsync(new YouTubeWebSite(_catalogue));
        var csv = _temp.File("robots.csv");

        var result = await Cli.RunAsync("crawl", "youtube", "-o", csv, "--config", _temp.File("crawlers.json"),
            "--set", $"baseUrl={server.BaseUrl}", "--set", "channels=@birdsong", "--set", "queries=song", "--delay", "0");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("skipped 1 search query ('song') because robots.txt disallows /results", result.Error);
        Assert.Contains("--set backend=data-api", result.Error);
        Assert.Contains("--set obeyRobotsTxt=false", result.Error);
        Assert.DoesNotContain(server.Log, r => r.PathAndQuery.StartsWith("/results", StringComparison.Ordinal) || r.PathAndQuery.StartsWith("/youtubei/", StringComparison.Ordinal));
        Assert.Equal(Expected(_catalogue.BirdsongVideos.Take(YouTubeCatalogue.ChannelPageSize)), CsvFile.ReadPairs(csv).ToHashSet());
    }

    [Fact]
    public async Task Crawls_through_the_data_api_backend()
    {
        const string key = "AIzaSyCliTestKey0000000000000000000000";
        await using var server = await LoopbackServer.StartAsync(new YouTubeDataApiSite(key, _catalogue));
        await using var web = await LoopbackServer.StartAsync(new YouTubeWebSite(_catalogue));
        var csv = _temp.File("api.csv");

        var result = await Cli.RunAsync("crawl", "youtube", "-o", csv, "--config", _temp.File("crawlers.json"),
            "--set", "backend=data-api", "--set", $"apiKey={key}", "--set", $"apiBaseUrl={server.BaseUrl}youtube/v3", "--set", $"baseUrl={web.BaseUrl}",
            "--set", "channels=@birdsong", "--delay", "0");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(Expected(_catalogue.BirdsongVideos), CsvFile.ReadPairs(csv).ToHashSet());
        Assert.DoesNotContain(key, result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_data_api_backend_without_a_key_fails_before_any_request()
    {
        await using var server = await LoopbackServer.StartAsync(new YouTubeDataApiSite("k", _catalogue));

        var result = await Cli.RunAsync("crawl", "youtube", "-o", _temp.File("none.csv"), "--config", _temp.File("crawlers.json"),
            "--set", "backend=data-api", "--set", $"apiBaseUrl={server.BaseUrl}youtube/v3", "--set", "queries=song");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("YOUTUBE_API_KEY", result.Error);
        Assert.Equal(0, server.TotalHits);
    }
}
