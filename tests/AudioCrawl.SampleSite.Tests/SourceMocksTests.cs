using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AudioCrawl.SampleSite.Archive;
using AudioCrawl.SampleSite.BbcSoundEffects;
using AudioCrawl.SampleSite.Feeds;
using Xunit;

namespace AudioCrawl.SampleSite.Tests;

/// <summary>The archive, LibriVox, BBC Sound Effects and feed mocks reject what the real services reject.</summary>
public sealed class SourceMocksTests
{
    [Fact]
    public async Task The_mock_scrape_api_refuses_a_count_below_100_and_a_cursor_it_did_not_issue()
    {
        await using var host = await SampleWeb.ServeAsync(new ArchiveSite());
        using var client = new HttpClient { BaseAddress = host.BaseUrl };

        var small = await client.GetAsync("/services/search/v1/scrape?q=collection:librivoxaudio&count=50");
        var forged = await client.GetAsync("/services/search/v1/scrape?q=collection:librivoxaudio&count=100&cursor=bm90LWEtY3Vyc29y");
        using var first = JsonDocument.Parse(await client.GetStringAsync("/services/search/v1/scrape?q=collection:librivoxaudio&count=100&fields=identifier"));
        var cursor = first.RootElement.GetProperty("cursor").GetString()!;
        var otherQuery = await client.GetAsync($"/services/search/v1/scrape?q=collection:oldtimeradio&count=100&cursor={Uri.EscapeDataString(cursor)}");
        using var last = JsonDocument.Parse(await client.GetStringAsync("/services/search/v1/scrape?q=collection:oldtimeradio&count=100"));

        Assert.Equal(HttpStatusCode.BadRequest, small.StatusCode);
        Assert.Contains("count", await small.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, otherQuery.StatusCode);
        Assert.Equal(100, first.RootElement.GetProperty("items").GetArrayLength());
        Assert.Equal(205, first.RootElement.GetProperty("total").GetInt64());
        Assert.False(last.RootElement.TryGetProperty("cursor", out _));
        Assert.Equal("{}", await client.GetStringAsync("/metadata/no_such_item"));
    }

    [Fact]
    public async Task The_mock_librivox_api_answers_404_past_the_last_audiobook()
    {
        await using var host = await SampleWeb.ServeAsync(new ArchiveSite());
        using var client = new HttpClient { BaseAddress = host.BaseUrl };

        using var page = JsonDocument.Parse(await client.GetStringAsync("/api/feed/audiobooks?format=json&extended=1&limit=50&offset=50"));
        var past = await client.GetAsync("/api/feed/audiobooks?format=json&limit=50&offset=60");

        Assert.Equal(10, page.RootElement.GetProperty("books").GetArrayLength());
        Assert.Equal(2, page.RootElement.GetProperty("books")[0].GetProperty("sections").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, past.StatusCode);
        Assert.Contains("Audiobooks could not be found", await past.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_mock_bbc_search_api_refuses_a_missing_criteria_an_oversized_page_and_a_page_past_its_window()
    {
        await using var host = await SampleWeb.ServeAsync(new BbcSoundEffectsSite { ResultWindow = 100 });
        using var client = new HttpClient { BaseAddress = host.BaseUrl };

        var missing = await client.PostAsJsonAsync("/api/sfx/search", new { query = "kettle" });
        var oversized = await client.PostAsJsonAsync("/api/sfx/search", new { criteria = new { from = 0, size = 500 } });
        var past = await client.PostAsJsonAsync("/api/sfx/search", new { criteria = new { from = 90, size = 20 } });
        var ok = await client.PostAsJsonAsync("/api/sfx/search", new { criteria = new { from = 0, size = 5, categories = new[] { "Animals" } } });

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, oversized.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Contains("Result window is too large", await past.Content.ReadAsStringAsync());
        using var json = JsonDocument.Parse(await ok.Content.ReadAsStringAsync());
        Assert.Equal(46, json.RootElement.GetProperty("total").GetInt64());
        Assert.All(json.RootElement.GetProperty("results").EnumerateArray(), r => Assert.Equal("Animals", r.GetProperty("categories")[0].GetProperty("className").GetString()));
    }

    [Fact]
    public async Task The_mock_feed_answers_a_matching_conditional_get_with_304()
    {
        var site = new FeedSite();
        await using var host = await SampleWeb.ServeAsync(site);
        using var client = new HttpClient { BaseAddress = host.BaseUrl };

        using var full = await client.GetAsync(FeedSite.RssPath);
        var etag = full.Headers.ETag!.Tag;
        var lastModified = full.Content.Headers.LastModified!.Value;
        using var byTag = new HttpRequestMessage(HttpMethod.Get, FeedSite.RssPath) { Headers = { { "If-None-Match", etag } } };
        using var byDate = new HttpRequestMessage(HttpMethod.Get, FeedSite.RssPath) { Headers = { IfModifiedSince = lastModified } };
        using var stale = new HttpRequestMessage(HttpMethod.Get, FeedSite.RssPath) { Headers = { { "If-None-Match", "\"old\"" } } };

        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(byTag)).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(byDate)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(stale)).StatusCode);
        Assert.Equal(2, site.NotModifiedResponses);
        Assert.Equal(2, site.FullResponses);
    }
}
