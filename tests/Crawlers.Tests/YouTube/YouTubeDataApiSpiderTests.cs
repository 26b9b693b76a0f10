using AudioCrawl.Core.Configuration;
using AudioCrawl.Core.Engine;
using AudioCrawl.SampleSite.YouTube;
using AudioCrawl.Testing;
using Xunit;

namespace AudioCrawl.Crawlers.Tests.YouTube;

public sealed class YouTubeDataApiSpiderTests
{
    private const string Key = "AIzaSyTestKeyForTheDataApi000000000000";
    private readonly YouTubeCatalogue _catalogue = new();

    private static HashSet<(string, string)> Expected(IEnumerable<MockVideo> videos) => videos.Select(v => (v.WatchUrl, v.NormalizedTitle)).ToHashSet();

    private static (string, string)[] Api(LoopbackServer server, params (string, string)[] settings) =>
        [("backend", "data-api"), ("apiKey", Key), ("apiBaseUrl", new Uri(server.BaseUrl, "youtube/v3/").AbsoluteUri), .. settings];

    [Fact]
    public async Task Pages_search_channel_uploads_and_playlists_by_pageToken_and_reads_titles_from_videos_list()
    {
        var site = new YouTubeDataApiSite(Key, _catalogue);
        await using var server = await LoopbackServer.StartAsync(site);
        var searched = _catalogue.Search("song").Where(v => !v.IsShort).ToArray();

        var crawl = await YouTubeCrawl.RunAsync(Api(server, ("queries", "song"), ("channels", "@fieldrecordings"), ("playlists", "PLclassicLayout00000000000000001"), ("maxResultsPerInput", "0")));

        Assert.Equal(CrawlOutcome.Finished, crawl.Result.Outcome);
        var regularField = _catalogue.FieldVideos.Where(v => !v.IsLive && !v.IsUpcoming).Concat(_catalogue.Shorts);
        var expected = Expected(searched.Concat(regularField).Concat(_catalogue.FindPlaylist("PLclassicLayout00000000000000001")!.Videos));
        Assert.Equal(expected, crawl.UrlsAndTexts.ToHashSet());
        Assert.Equal(expected.Count, crawl.Pairs.Count);
        Assert.True(server.Log.Count(r => r.PathAndQuery.StartsWith("/youtube/v3/search", StringComparison.Ordinal) && r.PathAndQuery.Contains("pageToken=", StringComparison.Ordinal)) >= 1);
        Assert.Equal(2, server.Log.Count(r => r.PathAndQuery.StartsWith("/youtube/v3/playlistItems", StringComparison.Ordinal) && r.PathAndQuery.Contains("PLclassic", StringComparison.Ordinal) && r.PathAndQuery.Contains("pageToken=", StringComparison.Ordinal)));
        Assert.Contains(crawl.Pairs, p => p.Text == "He said \"listen\", then left");
        Assert.Equal(site.UnitsSpent, crawl.Spider.ApiUnitsSpent);
        Assert.Equal(site.UnitsSpent, crawl.Result.Stats.Counters["youtube/api_units"]);
        Assert.DoesNotContain(server.Log, r => r.PathAndQuery.Contains(Key, StringComparison.Ordinal));
        Assert.DoesNotContain(Key, crawl.Logs.Text, StringComparison.Ordinal);
        var sample = crawl.Pairs.First(p => p.Url.AbsoluteUri == _catalogue.BirdsongVideos[7].WatchUrl);
        Assert.Equal(_catalogue.BirdsongVideos[7].DurationSeconds, (int?)sample.OriginalData!["duration_seconds"]);
        Assert.Equal(["Birdsong Archive"], sample.Tags);
    }

    [Fact]
    public async Task Reports_quota_exceeded_with_the_units_spent_and_keeps_what_was_collected()
    {
        var site = new YouTubeDataApiSite(Key, _catalogue) { DailyQuota = 102 };
        await using var server = await LoopbackServer.StartAsync(site);

        var crawl = await YouTubeCrawl.RunAsync(Api(server, ("queries", "song"), ("concurrency", "1")));

        Assert.Equal(50, crawl.Pairs.Count);
        Assert.Equal(1, crawl.Result.Stats.Counters["youtube/api_quota_exceeded"]);
        var error = Assert.Single(crawl.Logs.Entries, e => e.Message.Contains("quota exceeded", StringComparison.Ordinal));
        Assert.Contains("quotaExceeded", error.Message);
        Assert.Contains($"spent {site.UnitsSpent} units", error.Message);
        Assert.Equal(101, site.UnitsSpent);
    }

    [Fact]
    public async Task Refuses_to_start_without_an_api_key_before_any_request()
    {
        await using var server = await LoopbackServer.StartAsync(new YouTubeDataApiSite(Key, _catalogue));
        Assert.Null(Environment.GetEnvironmentVariable("YOUTUBE_API_KEY"));

        var error = Assert.Throws<ConfigurationException>(() => YouTubeCrawl.Plan(("backend", "data-api"), ("apiBaseUrl", server.Url("youtube/v3/").AbsoluteUri), ("queries", "song")));

        Assert.Contains("apiKey", error.Message);
        Assert.Contains("YOUTUBE_API_KEY", error.Message);
        Assert.Equal(0, server.TotalHits);
    }

    [Fact]
    public async Task Reports_a_rejected_key_clearly()
    {
        await using var server = await LoopbackServer.StartAsync(new YouTubeDataApiSite("another-key", _catalogue));

        var crawl = await YouTubeCrawl.RunAsync(Api(server, ("videos", _catalogue.BirdsongVideos[0].Id)));

        Assert.Empty(crawl.Pairs);
        Assert.Contains(crawl.Logs.Entries, e => e.Message.Contains("HTTP 400 badRequest: API key not valid", StringComparison.Ordinal));
        Assert.DoesNotContain(Key, crawl.Logs.Text, StringComparison.Ordinal);
    }
}
