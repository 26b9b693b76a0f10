using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AudioCrawl.SampleSite.TestSites.YouTube;
using Xunit;

namespace AudioCrawl.SampleSite.Tests;

public sealed class YouTubeSitesTests
{
    private readonly YouTubeCatalogue _catalogue = new();

    [Fact]
    public async Task The_mock_youtube_serves_youtubes_robots_txt_and_pages_with_embedded_data()
    {
        await using var host = await SampleWeb.ServeAsync(new YouTubeWebSite(_catalogue));
        using var client = new HttpClient { BaseAddress = host.BaseUrl };

        var robots = await client.GetStringAsync("/robots.txt");
        Assert.Contains("Disallow: /results", robots);
        Assert.Contains("Disallow: /youtubei/", robots);
        var channel = await client.GetStringAsync("/@birdsong/videos");
        Assert.Contains("var ytInitialData = {", channel);
        Assert.Contains("richGridRenderer", channel);
        Assert.Contains($"\"INNERTUBE_CLIENT_VERSION\":\"{YouTubeFixtureJson.ClientVersion}\"", channel);
        Assert.Contains("playlistVideoRenderer", await client.GetStringAsync("/playlist?list=PLclassicLayout00000000000000001"));
        Assert.Contains("continuationItemViewModel", await client.GetStringAsync("/playlist?list=PLlockupLayout000000000000000002"));
        Assert.Contains("ytInitialPlayerResponse", await client.GetStringAsync("/watch?v=" + _catalogue.BirdsongVideos[0].Id));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/@nobody/videos")).StatusCode);
    }

    [Fact]
    public async Task The_mock_youtubei_wants_the_web_client_context_of_the_page()
    {
        await using var host = await SampleWeb.ServeAsync(new YouTubeWebSite(_catalogue));
        using var client = new HttpClient { BaseAddress = host.BaseUrl };
        var token = YouTubeFixtureJson.Token("channel-videos", _catalogue.Birdsong.Id, YouTubeCatalogue.ChannelPageSize);

        var wrongVersion = await client.PostAsJsonAsync("/youtubei/v1/browse?prettyPrint=false", new { context = new { client = new { clientName = "WEB", clientVersion = "1.0" } }, continuation = token });
        var right = await client.PostAsJsonAsync("/youtubei/v1/browse?prettyPrint=false", new { context = new { client = new { clientName = "WEB", clientVersion = YouTubeFixtureJson.ClientVersion } }, continuation = token });

        Assert.Equal(HttpStatusCode.BadRequest, wrongVersion.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        using var json = JsonDocument.Parse(await right.Content.ReadAsStringAsync());
        var items = json.RootElement.GetProperty("onResponseReceivedActions")[0].GetProperty("appendContinuationItemsAction").GetProperty("continuationItems");
        Assert.Equal(YouTubeCatalogue.ChannelPageSize + 1, items.GetArrayLength());
    }

    [Fact]
    public async Task The_mock_consent_wall_lets_through_requests_with_the_consent_cookie()
    {
        await using var host = await SampleWeb.ServeAsync(new YouTubeWebSite(_catalogue) { RequireConsent = true });
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = host.BaseUrl };

        var walled = await client.GetStringAsync("/@birdsong/videos");
        using var withCookie = new HttpRequestMessage(HttpMethod.Get, "/@birdsong/videos") { Headers = { { "Cookie", "SOCS=CAI" } } };
        var passed = await (await client.SendAsync(withCookie)).Content.ReadAsStringAsync();

        Assert.Contains("consent.youtube.com/save", walled);
        Assert.Contains("ytInitialData", passed);
    }

    [Fact]
    public async Task The_mock_shorts_page_answers_200_for_a_short_and_303_to_the_watch_page_for_other_videos()
    {
        await using var host = await SampleWeb.ServeAsync(new YouTubeWebSite(_catalogue));
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseUrl };
        var regular = _catalogue.BirdsongVideos[0];

        using var shortAnswer = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/shorts/" + _catalogue.Shorts[3].Id));
        using var regularAnswer = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/shorts/" + regular.Id));

        Assert.Equal(HttpStatusCode.OK, shortAnswer.StatusCode);
        Assert.True(_catalogue.Shorts[3].DurationSeconds > 60, "a Short may be up to three minutes long");
        Assert.Equal(HttpStatusCode.SeeOther, regularAnswer.StatusCode);
        Assert.Equal("/watch?v=" + regular.Id, regularAnswer.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/shorts/nosuchvideo")).StatusCode);
        Assert.Contains("Disallow: /results", await client.GetStringAsync("/robots.txt"));
        Assert.DoesNotContain("/shorts", await client.GetStringAsync("/robots.txt"));
    }

    [Fact]
    public async Task The_mock_search_page_mixes_shelves_of_other_videos_into_its_results()
    {
        await using var host = await SampleWeb.ServeAsync(new YouTubeWebSite(_catalogue));
        using var client = new HttpClient { BaseAddress = host.BaseUrl };

        var page = await client.GetStringAsync("/results?search_query=song");

        Assert.Contains("\"shelfRenderer\":{\"title\":{\"simpleText\":\"People also watched\"}", page);
        Assert.Contains("verticalListRenderer", page);
        Assert.Contains(_catalogue.NotFoundBy("song")[0].Id, page);
    }

    [Fact]
    public async Task The_mock_data_api_checks_the_key_and_charges_quota_per_call()
    {
        var site = new YouTubeDataApiSite("key", _catalogue) { DailyQuota = 150 };
        await using var host = await SampleWeb.ServeAsync(site);
        using var client = new HttpClient { BaseAddress = host.BaseUrl };

        var noKey = await client.GetAsync("/youtube/v3/videos?part=snippet&id=" + _catalogue.BirdsongVideos[0].Id);
        var first = await client.GetAsync("/youtube/v3/search?part=snippet&q=song&key=key");
        var second = await client.GetAsync("/youtube/v3/search?part=snippet&q=song&key=key");

        Assert.Equal(HttpStatusCode.Forbidden, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
        Assert.Contains("\"reason\": \"quotaExceeded\"", await second.Content.ReadAsStringAsync());
        Assert.Equal(100, site.UnitsSpent);
    }
}
