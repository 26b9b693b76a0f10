using AudioCrawl.SampleSite.TestSites.YouTube;
using AudioCrawl.Testing;
using Crawler.Core.Engine;
using Crawlers.YouTube;
using Xunit;

namespace Crawlers.Tests.YouTube;

/// <summary>What the youtube spider learns that must outlive its process: the Data API quota running out, and Shorts verdicts.</summary>
public sealed class YouTubeSpiderStateTests : IAsyncLifetime
{
    private const string Key = "AIzaSyTestKeyForTheDataApi000000000000";
    private readonly YouTubeCatalogue _catalogue = new();
    private readonly TempDirectory _temp = new();
    private LoopbackServer _web = null!;

    public async Task InitializeAsync() => _web = await LoopbackServer.StartAsync(new YouTubeWebSite(_catalogue));

    public async Task DisposeAsync()
    {
        await _web.DisposeAsync();
        _temp.Dispose();
    }

    private static int ApiCalls(LoopbackServer api) => api.Log.Count(r => r.PathAndQuery.StartsWith("/youtube/v3/", StringComparison.Ordinal));

    private Dictionary<string, int> ShortsProbesByVideo() =>
        _web.Log.Where(r => r.Method == "HEAD" && r.PathAndQuery.StartsWith("/shorts/", StringComparison.Ordinal))
            .GroupBy(r => r.PathAndQuery["/shorts/".Length..]).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>A Data API crawl in the job directory of this test (a second call resumes it).</summary>
    private async Task<(CrawlResult Result, IReadOnlyList<Crawler.Abstractions.Spiders.AudioPair> Pairs)> RunInJobAsync(LoopbackServer api, params (string, string)[] settings)
    {
        var plan = YouTubeCrawl.Plan([("backend", "data-api"), ("apiKey", Key), ("apiBaseUrl", new Uri(api.BaseUrl, "youtube/v3/").AbsoluteUri), ("baseUrl", _web.BaseUrl.AbsoluteUri), .. settings]);
        await using var job = await JobDirectory.OpenAsync(_temp.File("job"), plan.Name, TimeProvider.System);
        var sink = new CollectingSink();
        var result = await TestCrawl.RunAsync(plan, [sink], host => host.AddJobDirectory(job));
        return (result, sink.Pairs);
    }

    [Fact]
    public async Task After_the_quota_ran_out_a_resumed_job_sends_no_Data_API_call_before_the_reset()
    {
        var site = new YouTubeDataApiSite(Key, _catalogue) { DailyQuota = 3 };
        await using var api = await LoopbackServer.StartAsync(site);
        var videos = ("videos", string.Join(',', _catalogue.BirdsongVideos.Take(8).Select(v => v.Id)));

        // One call at a time: three spend the quota, the fourth is refused; the request limit leaves the other four pending in the job.
        var (first, kept) = await RunInJobAsync(api, videos, ("includeShorts", "true"), ("maxRequests", "4"));
        Assert.Equal(1, first.Stats.Counters["youtube/api_quota_exceeded"]);
        Assert.Equal(3, kept.Count);
        var leftPending = first.Stats.RequestsDroppedByReason.GetValueOrDefault(RequestDropReasons.MaxRequests);
        Assert.True(leftPending > 0, "the first run must leave Data API calls pending");
        var callsBefore = ApiCalls(api);
        Assert.Equal(4, callsBefore);

        var (resumed, _) = await RunInJobAsync(api, videos, ("includeShorts", "true"));

        Assert.Equal(callsBefore, ApiCalls(api));
        Assert.Equal(8 - callsBefore, resumed.Stats.RequestsDroppedByReason.GetValueOrDefault("youtube_api_quota"));
        Assert.Equal(0, resumed.Stats.Queued);
    }

    [Fact]
    public async Task A_shorts_verdict_from_before_a_resume_is_reused_and_no_video_is_probed_twice()
    {
        await using var api = await LoopbackServer.StartAsync(new YouTubeDataApiSite(Key, _catalogue));
        var regular = _catalogue.FieldVideos.Concat(_catalogue.Search("rain")).Where(v => !v.IsShort && !v.IsLive && !v.IsUpcoming).Distinct();

        var (first, firstPairs) = await RunInJobAsync(api, ("channels", "@fieldrecordings"), ("maxResultsPerInput", "0"));
        var probedBefore = ShortsProbesByVideo();
        Assert.Equal(CrawlOutcome.Finished, first.Outcome);
        Assert.NotEmpty(probedBefore);

        // The resumed job also searches "rain", which lists videos of the channel again (its Shorts among them).
        var (resumed, resumedPairs) = await RunInJobAsync(api, ("channels", "@fieldrecordings"), ("queries", "rain"), ("maxResultsPerInput", "0"));

        var probes = ShortsProbesByVideo();
        Assert.All(probes, p => Assert.Equal(1, p.Value));
        Assert.True(resumed.Stats.Counters.GetValueOrDefault("youtube/shorts_verdicts_reused") > 0, "the search lists probed videos again");
        Assert.DoesNotContain(probedBefore.Keys, id => probes[id] > 1);
        Assert.Equal(
            regular.Select(v => (v.WatchUrl, v.NormalizedTitle)).ToHashSet(),
            firstPairs.Concat(resumedPairs).Select(p => (p.Url.AbsoluteUri, p.Text)).ToHashSet());
    }
}
