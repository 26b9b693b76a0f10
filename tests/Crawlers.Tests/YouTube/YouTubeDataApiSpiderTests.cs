using AudioCrawl.SampleSite.TestSites.YouTube;
using AudioCrawl.Testing;
using Crawler.Core.Configuration;
using Crawler.Core.Engine;
using Xunit;

namespace Crawlers.Tests.YouTube;

public sealed class YouTubeDataApiSpiderTests : IAsyncLifetime
{
    private const string Key = "AIzaSyTestKeyForTheDataApi000000000000";
    private readonly YouTubeCatalogue _catalogue = new();

    /// <summary>The web site the Shorts probes go to (baseUrl), apart from the API host as on the real service.</summary>
    private LoopbackServer _web = null!;

    public async Task InitializeAsync() => _web = await LoopbackServer.StartAsync(new YouTubeWebSite(_catalogue));

    public async Task DisposeAsync() => await _web.DisposeAsync();

    private static HashSet<(string, string)> Expected(IEnumerable<MockVideo> videos) => videos.Select(v => (v.WatchUrl, v.NormalizedTitle)).ToHashSet();

    private (string, string)[] Api(LoopbackServer server, params (string, string)[] settings) =>
        [("backend", "data-api"), ("apiKey", Key), ("apiBaseUrl", new Uri(server.BaseUrl, "youtube/v3/").AbsoluteUri), ("baseUrl", _web.BaseUrl.AbsoluteUri), .. settings];

    private string[] ShortsProbes() =>
        [.. _web.Log.Where(r => r.Method == "HEAD" && r.PathAndQuery.StartsWith("/shorts/", StringComparison.Ordinal)).Select(r => r.PathAndQuery["/shorts/".Length..])];

    [Fact]
    public async Task Pages_search_channel_uploads_and_playlists_by_pageToken_and_reads_titles_from_videos_list()
    {
        var site = new YouTubeDataApiSite(Key, _catalogue);
        await using var server = await LoopbackServer.StartAsync(site);
        var searched = _catalogue.Search("song").Where(v => !v.IsShort).ToArray();

        var crawl = await YouTubeCrawl.RunAsync(Api(server, ("queries", "song"), ("channels", "@fieldrecordings"), ("playlists", "PLclassicLayout00000000000000001"), ("maxResultsPerInput", "0")));

        Assert.Equal(CrawlOutcome.Finished, crawl.Result.Outcome);
        var regularField = _catalogue.FieldVideos.Where(v => !v.IsLive && !v.IsUpcoming);
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
    public async Task Skips_shorts_by_a_HEAD_of_their_shorts_page_once_per_video_without_spending_quota()
    {
        var site = new YouTubeDataApiSite(Key, _catalogue);
        await using var server = await LoopbackServer.StartAsync(site);
        var regular = _catalogue.FieldVideos.Concat(_catalogue.Search("rain")).Where(v => !v.IsShort && !v.IsLive && !v.IsUpcoming).Distinct().ToArray();
        var mayBeShorts = regular.Concat(_catalogue.Shorts).Where(v => v.DurationSeconds <= 180).Select(v => v.Id).ToHashSet();
        (string, string)[] inputs = [("channels", "@fieldrecordings"), ("queries", "rain"), ("maxResultsPerInput", "0")];

        var crawl = await YouTubeCrawl.RunAsync(Api(server, inputs));
        var probes = ShortsProbes();
        var unitsWithoutShorts = site.UnitsSpent;
        var withShorts = await YouTubeCrawl.RunAsync(Api(server, [.. inputs, ("includeShorts", "true")]));

        Assert.Equal(Expected(regular), crawl.UrlsAndTexts.ToHashSet());
        // Each Short is listed twice (uploads and search): the second sighting is skipped too, or never probed when its probe was already queued.
        Assert.InRange(crawl.Result.Stats.Counters["youtube/skipped_shorts"], _catalogue.Shorts.Count, 2 * _catalogue.Shorts.Count);
        Assert.True(mayBeShorts.Count > _catalogue.Shorts.Count, "some regular videos must be short enough to need a probe");
        Assert.Equal(mayBeShorts.Order(), probes.Order());
        Assert.Equal(probes.Length, crawl.Result.Stats.Counters["youtube/shorts_probes"]);
        Assert.DoesNotContain(_web.Log, r => r.PathAndQuery.StartsWith("/watch", StringComparison.Ordinal));
        Assert.All(crawl.Pairs, p => Assert.False((bool)p.OriginalData!["is_short"]!));

        Assert.Equal(Expected(regular.Concat(_catalogue.Shorts)), withShorts.UrlsAndTexts.ToHashSet());
        Assert.Equal(probes.Length, ShortsProbes().Length);
        Assert.Equal(unitsWithoutShorts, site.UnitsSpent - unitsWithoutShorts);
        Assert.Equal(unitsWithoutShorts, crawl.Spider.ApiUnitsSpent);
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
