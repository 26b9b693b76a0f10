using AudioCrawl.SampleSite.TestSites.YouTube;
using AudioCrawl.Testing;
using Crawler.Core.Engine;
using Sinks.Csv;
using Xunit;

namespace Crawlers.Tests.YouTube;

public sealed class YouTubeWebSpiderTests : IAsyncLifetime
{
    private readonly YouTubeWebSite _site = new();
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync(_site);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private YouTubeCatalogue Catalogue => _site.Catalogue;

    private (string, string) Base => ("baseUrl", _server.BaseUrl.AbsoluteUri);

    private static (string, string) RobotsOff => ("obeyRobotsTxt", "false");

    private static HashSet<(string, string)> Expected(IEnumerable<MockVideo> videos) => videos.Select(v => (v.WatchUrl, v.NormalizedTitle)).ToHashSet();

    private int Posts(string endpoint) => _server.Log.Count(r => r.Method == "POST" && r.PathAndQuery.StartsWith("/youtubei/v1/" + endpoint, StringComparison.Ordinal));

    [Fact]
    public async Task Search_pages_through_continuations_when_robots_txt_is_not_obeyed()
    {
        var expected = Catalogue.Search("song").Where(v => !v.IsShort).ToArray();

        var crawl = await YouTubeCrawl.RunAsync(Base, RobotsOff, ("queries", "song"), ("maxResultsPerInput", "0"));

        Assert.Equal(CrawlOutcome.Finished, crawl.Result.Outcome);
        Assert.True(expected.Length > 2 * YouTubeCatalogue.SearchPageSize, "the fixture must need several continuations");
        Assert.Equal(Expected(expected), crawl.UrlsAndTexts.ToHashSet());
        Assert.Equal(expected.Length, crawl.Pairs.Count);
        Assert.Equal((expected.Length + YouTubeCatalogue.SearchPageSize - 1) / YouTubeCatalogue.SearchPageSize - 1, Posts("search"));
        Assert.All(crawl.Pairs, p => Assert.StartsWith("https://www.youtube.com/watch?v=", p.Url.AbsoluteUri));
        Assert.All(crawl.Pairs, p => Assert.Equal(["Birdsong Archive"], p.Tags));
    }

    [Fact]
    public async Task Search_keeps_only_the_query_results_and_not_the_shelves_mixed_into_them_unless_asked()
    {
        var results = Catalogue.Search("song").Where(v => !v.IsShort).ToArray();
        var others = Catalogue.NotFoundBy("song");

        var crawl = await YouTubeCrawl.RunAsync(Base, RobotsOff, ("queries", "song"), ("maxResultsPerInput", "0"));
        var withShelves = await YouTubeCrawl.RunAsync(Base, RobotsOff, ("queries", "song"), ("maxResultsPerInput", "0"), ("searchShelves", "true"));

        Assert.Equal(Expected(results), crawl.UrlsAndTexts.ToHashSet());
        Assert.Equal(10 + Catalogue.Shorts.Count, crawl.Result.Stats.Counters["youtube/skipped_shelf"]);
        Assert.Equal(Expected(results.Concat(others.Take(10))), withShelves.UrlsAndTexts.ToHashSet());
        Assert.Equal(Catalogue.Shorts.Count, withShelves.Result.Stats.Counters["youtube/skipped_shorts"]);
        string? ShelfOf(MockVideo video) => (string?)withShelves.Pairs.Single(p => p.Url.AbsoluteUri == video.WatchUrl).OriginalData!["shelf"];
        Assert.Equal("People also watched", ShelfOf(others[0]));
        Assert.Equal("For you", ShelfOf(others[4]));
        Assert.Equal("Channels new to you", ShelfOf(others[7]));
        Assert.Null(ShelfOf(results[0]));
    }

    [Fact]
    public async Task Lists_a_channel_videos_tab_in_the_videoRenderer_grid_and_credits_the_page_channel()
    {
        var crawl = await YouTubeCrawl.RunAsync(Base, RobotsOff, ("channels", "@birdsong"));

        Assert.Equal(Expected(Catalogue.BirdsongVideos), crawl.UrlsAndTexts.ToHashSet());
        Assert.Equal(2, Posts("browse"));
        var first = crawl.Pairs.Single(p => p.Url.AbsoluteUri == Catalogue.BirdsongVideos[5].WatchUrl);
        Assert.Equal(["Birdsong Archive"], first.Tags);
        var data = first.OriginalData!;
        Assert.Equal(Catalogue.BirdsongVideos[5].Id, (string?)data["video_id"]);
        Assert.Equal(Catalogue.Birdsong.Id, (string?)data["channel_id"]);
        Assert.Equal(Catalogue.BirdsongVideos[5].DurationSeconds, (int?)data["duration_seconds"]);
        Assert.Equal(Catalogue.BirdsongVideos[5].Views, (long?)data["view_count"]);
        Assert.Equal(Catalogue.BirdsongVideos[5].Published, (string?)data["published"]);
        Assert.Equal("@birdsong", (string?)data["found_by"]!["input"]);
    }

    [Fact]
    public async Task Lists_a_lockup_grid_channel_and_skips_live_upcoming_and_shorts_unless_asked()
    {
        var regular = Catalogue.FieldVideos.Where(v => !v.IsLive && !v.IsUpcoming).ToArray();

        var crawl = await YouTubeCrawl.RunAsync(Base, RobotsOff, ("channels", "https://www.youtube.com/@fieldrecordings"));
        var withShorts = await YouTubeCrawl.RunAsync(Base, RobotsOff, ("channels", "@fieldrecordings"), ("includeShorts", "true"), ("skipLive", "false"));

        Assert.Equal(Expected(regular), crawl.UrlsAndTexts.ToHashSet());
        Assert.Equal(1, crawl.Result.Stats.Counters.GetValueOrDefault("youtube/skipped_live"));
        Assert.Equal(1, crawl.Result.Stats.Counters.GetValueOrDefault("youtube/skipped_upcoming"));
        Assert.Equal(Expected(Catalogue.FieldVideos.Concat(Catalogue.Shorts)), withShorts.UrlsAndTexts.ToHashSet());
        Assert.All(crawl.Pairs, p => Assert.Equal([Catalogue.Field.Name], p.Tags));
    }

    [Theory]
    [InlineData("PLclassicLayout00000000000000001", 1)]
    [InlineData("PLlockupLayout000000000000000002", 2)]
    public async Task Lists_a_playlist_in_either_layout_across_continuations(string playlistId, int continuations)
    {
        var playlist = Catalogue.FindPlaylist(playlistId)!;

        var crawl = await YouTubeCrawl.RunAsync(Base, RobotsOff, ("playlists", $"https://www.youtube.com/playlist?list={playlistId}"), ("maxResultsPerInput", "0"));

        Assert.Equal(Expected(playlist.Videos), crawl.UrlsAndTexts.ToHashSet());
        Assert.Equal(playlist.Videos.Count, crawl.Pairs.Count);
        Assert.Equal(continuations, Posts("browse"));
        Assert.All(crawl.Pairs, p => Assert.Equal([p.OriginalData!["channel"]!.GetValue<string>()], p.Tags));
        Assert.Equal(0, crawl.Result.Stats.ErrorsByKind.Values.Sum());
    }

    [Fact]
    public async Task Lists_a_channel_given_by_its_channel_id()
    {
        var crawl = await YouTubeCrawl.RunAsync(Base, RobotsOff, ("channels", Catalogue.Field.Id));

        Assert.Contains(_server.Log, r => r.PathAndQuery == $"/channel/{Catalogue.Field.Id}/videos");
        Assert.Equal(Expected(Catalogue.FieldVideos.Where(v => !v.IsLive && !v.IsUpcoming)), crawl.UrlsAndTexts.ToHashSet());
    }

    [Fact]
    public async Task A_repeated_continuation_token_stops_paging()
    {
        var playlist = Catalogue.FindPlaylist("PLloopingTokens00000000000000003")!;

        var crawl = await YouTubeCrawl.RunAsync(Base, RobotsOff, ("playlists", playlist.Id));

        Assert.Equal(CrawlOutcome.Finished, crawl.Result.Outcome);
        Assert.Equal(1, Posts("browse"));
        Assert.Equal(Expected(playlist.Videos.Take(2 * playlist.PageSize)), crawl.UrlsAndTexts.ToHashSet());
        Assert.Equal(1, crawl.Result.Stats.Counters.GetValueOrDefault("youtube/repeated_tokens"));
    }

    [Fact]
    public async Task Stops_paging_an_input_at_its_limit()
    {
        var crawl = await YouTubeCrawl.RunAsync(Base, RobotsOff, ("channels", "@birdsong"), ("maxResultsPerInput", "35"));

        Assert.Equal(35, crawl.Pairs.Count);
        Assert.Equal(1, Posts("browse"));
    }

    [Fact]
    public async Task A_page_without_ytInitialData_is_an_error_for_that_input_and_the_crawl_goes_on()
    {
        var crawl = await YouTubeCrawl.RunAsync(Base, RobotsOff, ("channels", "@broken,@birdsong"));

        Assert.Equal(CrawlOutcome.Finished, crawl.Result.Outcome);
        Assert.Equal(Catalogue.BirdsongVideos.Count, crawl.Pairs.Count);
        Assert.Equal(1, crawl.Result.Stats.Counters.GetValueOrDefault("youtube/no_initial_data"));
        Assert.Contains(crawl.Logs.Entries, e => e.Message.Contains("channel '@broken'", StringComparison.Ordinal) && e.Message.Contains("no ytInitialData", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Titles_with_quotes_commas_newlines_and_emoji_round_trip_through_the_csv_sink()
    {
        using var temp = new TempDirectory();
        var csv = temp.File("youtube.csv");
        var awkward = Catalogue.BirdsongVideos.Take(YouTubeCatalogue.AwkwardTitles.Length).ToArray();

        var crawl = await YouTubeCrawl.RunAsync([new CsvPairSink(csv)], Base, ("videos", string.Join(',', awkward.Select(v => v.Id))));

        Assert.Equal(awkward.Length, crawl.Pairs.Count);
        var expected = Expected(awkward);
        Assert.Contains(("https://www.youtube.com/watch?v=" + awkward[0].Id, "He said \"listen\", then left"), expected);
        Assert.Contains(("https://www.youtube.com/watch?v=" + awkward[2].Id, "Dawn chorus recorded at 5 a.m."), expected);
        Assert.Equal(expected, CsvFile.ReadPairs(csv).ToHashSet());
        Assert.Equal(expected, (await CsvFile.ReadPairsWithPythonAsync(csv)).ToHashSet());
    }

    [Fact]
    public async Task Emits_a_video_found_by_two_inputs_once()
    {
        var crawl = await YouTubeCrawl.RunAsync(Base, RobotsOff, ("channels", "@birdsong"), ("playlists", "PLlockupLayout000000000000000002"), ("videos", Catalogue.BirdsongVideos[0].Id));

        Assert.Equal(crawl.Pairs.Count, crawl.Pairs.Select(p => p.Url).Distinct().Count());
        Assert.Equal(Expected(Catalogue.BirdsongVideos.Concat(Catalogue.FindPlaylist("PLlockupLayout000000000000000002")!.Videos)).Count, crawl.Pairs.Count);
        Assert.True(crawl.Result.Stats.Counters.GetValueOrDefault("youtube/duplicate_videos") >= 16);
    }

    [Fact]
    public async Task Obeys_robots_txt_by_default_and_says_what_it_skipped_and_the_two_ways_on()
    {
        var crawl = await YouTubeCrawl.RunAsync(Base, ("queries", "song,rain"), ("channels", "@birdsong"), ("playlists", "PLclassicLayout00000000000000001"), ("videos", Catalogue.FieldVideos[0].Id));

        Assert.Equal(CrawlOutcome.Finished, crawl.Result.Outcome);
        Assert.DoesNotContain(_server.Log, r => r.PathAndQuery.StartsWith("/results", StringComparison.Ordinal) || r.PathAndQuery.StartsWith("/youtubei/", StringComparison.Ordinal));
        Assert.Contains(_server.Log, r => r.PathAndQuery.StartsWith("/@birdsong/videos", StringComparison.Ordinal));
        Assert.Equal(1, _server.Hits("/robots.txt"));
        var notice = Assert.Single(crawl.Logs.Entries, e => e.Message.Contains("robots.txt", StringComparison.Ordinal) && e.Message.Contains("Two ways on", StringComparison.Ordinal));
        Assert.Contains("'song', 'rain'", notice.Message);
        Assert.Contains("/results", notice.Message);
        Assert.Contains("backend=data-api", notice.Message);
        Assert.Contains("obeyRobotsTxt=false", notice.Message);
        var firstPages = Catalogue.BirdsongVideos.Take(YouTubeCatalogue.ChannelPageSize).Concat(Catalogue.FindPlaylist("PLclassicLayout00000000000000001")!.Videos.Take(100)).Append(Catalogue.FieldVideos[0]);
        Assert.Equal(Expected(firstPages), crawl.UrlsAndTexts.ToHashSet());
    }

    [Fact]
    public async Task Retries_past_the_eu_consent_page_with_the_consent_cookie()
    {
        await using var server = await LoopbackServer.StartAsync(new YouTubeWebSite(Catalogue) { RequireConsent = true });

        var crawl = await YouTubeCrawl.RunAsync(("baseUrl", server.BaseUrl.AbsoluteUri), RobotsOff, ("channels", "@birdsong"));

        Assert.Equal(Expected(Catalogue.BirdsongVideos), crawl.UrlsAndTexts.ToHashSet());
        Assert.Equal(1, crawl.Result.Stats.Counters.GetValueOrDefault("youtube/consent_pages"));
        Assert.Equal(1, server.Hits("/consent?continue=%2F%40birdsong%2Fvideos"));
    }
}
