using System.Net;
using System.Text.Json;
using AudioCrawl.SampleSite.Commons;
using AudioCrawl.SampleSite.Freesound;
using AudioCrawl.SampleSite.XenoCanto;
using Xunit;

namespace AudioCrawl.SampleSite.Tests;

/// <summary>The mock APIs of Commons, xeno-canto and Freesound reject what the real ones reject.</summary>
public sealed class SourceApiSitesTests
{
    private const string FilesQuery = "/w/api.php?action=query&format=json&formatversion=2&generator=categorymembers&gcmtype=file&gcmlimit=2"
        + "&prop=imageinfo&iiprop=url%7Cmime%7Csize%7Cextmetadata&gcmtitle=Category%3ABird%20vocalizations";

    private static HttpClient Client(WebHost host, string userAgent = "AudioCrawlTest/1.0 (https://example.org/contact)")
    {
        var client = new HttpClient { BaseAddress = host.BaseUrl };
        client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        return client;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Commons_closes_w_in_robots_txt_and_refuses_an_anonymous_user_agent()
    {
        await using var host = await SampleWeb.ServeAsync(new CommonsApiSite());
        using var client = Client(host);
        using var anonymous = Client(host, "python-requests/2.31");

        Assert.Contains("Disallow: /w/", await client.GetStringAsync("/robots.txt"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.GetAsync(FilesQuery)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(FilesQuery)).StatusCode);
    }

    [Fact]
    public async Task Commons_hands_out_continue_values_and_refuses_made_up_ones()
    {
        await using var host = await SampleWeb.ServeAsync(new CommonsApiSite());
        using var client = Client(host);

        var first = await JsonAsync(await client.GetAsync(FilesQuery));
        var token = first.GetProperty("continue").GetProperty("gcmcontinue").GetString()!;
        var second = await JsonAsync(await client.GetAsync(FilesQuery + "&continue=gcmcontinue%7C%7C&gcmcontinue=" + Uri.EscapeDataString(token)));
        var forged = await client.GetAsync(FilesQuery + "&gcmcontinue=file%7Cabc%7C1");

        Assert.Equal(2, first.GetProperty("query").GetProperty("pages").GetArrayLength());
        Assert.Equal("gcmcontinue||", first.GetProperty("continue").GetProperty("continue").GetString());
        Assert.Equal(1, second.GetProperty("query").GetProperty("pages").GetArrayLength());
        Assert.False(second.TryGetProperty("continue", out _));
        Assert.Equal("badcontinue", (await JsonAsync(forged)).GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("badcontinue", forged.Headers.GetValues("MediaWiki-API-Error").Single());
    }

    [Fact]
    public async Task Commons_answers_maxlag_with_retry_after_and_reports_extmetadata()
    {
        var site = new CommonsApiSite();
        site.Lagged.Left = 1;
        await using var host = await SampleWeb.ServeAsync(site);
        using var client = Client(host);

        var lagged = await client.GetAsync(FilesQuery + "&maxlag=5");
        var answered = await JsonAsync(await client.GetAsync(FilesQuery + "&maxlag=5"));

        Assert.Equal(HttpStatusCode.OK, lagged.StatusCode);
        Assert.Equal("5", lagged.Headers.GetValues("Retry-After").Single());
        Assert.Equal("maxlag", (await JsonAsync(lagged)).GetProperty("error").GetProperty("code").GetString());
        var info = answered.GetProperty("query").GetProperty("pages")[0].GetProperty("imageinfo")[0];
        Assert.Equal("CC BY 4.0", info.GetProperty("extmetadata").GetProperty("LicenseShortName").GetProperty("value").GetString());
        Assert.Equal("application/ogg", info.GetProperty("mime").GetString());
    }

    [Theory]
    [InlineData("", HttpStatusCode.Unauthorized, "missing_parameter")]
    [InlineData("&key=wrong", HttpStatusCode.Unauthorized, "invalid_key")]
    [InlineData("&key=k&per_page=10", HttpStatusCode.BadRequest, "client_error")]
    [InlineData("&key=k&page=9", HttpStatusCode.BadRequest, "client_error")]
    public async Task Xeno_canto_refuses_a_missing_key_a_small_page_and_a_page_past_the_end(string extra, HttpStatusCode status, string error)
    {
        await using var host = await SampleWeb.ServeAsync(new XenoCantoApiSite("k"));
        using var client = Client(host);

        var response = await client.GetAsync("/api/3/recordings?query=sp:%22Turdus%20merula%22" + extra);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(error, (await JsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Xeno_canto_wants_search_tags_and_pages_its_recordings()
    {
        var site = new XenoCantoApiSite("k");
        site.Faults.Throttled.Left = 1;
        await using var host = await SampleWeb.ServeAsync(site);
        using var client = Client(host);

        var throttled = await client.GetAsync("/api/3/recordings?query=sp:%22Turdus%20merula%22&key=k");
        var untagged = await client.GetAsync("/api/3/recordings?query=blackbird&key=k");
        var page = await JsonAsync(await client.GetAsync("/api/3/recordings?query=sp:%22Turdus%20merula%22&key=k&per_page=50&page=3"));

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, untagged.StatusCode);
        Assert.Equal("120", page.GetProperty("numRecordings").GetString());
        Assert.Equal(3, page.GetProperty("numPages").GetInt32());
        Assert.Equal(20, page.GetProperty("recordings").GetArrayLength());
    }

    [Fact]
    public async Task Freesound_wants_a_token_and_links_its_pages()
    {
        await using var host = await SampleWeb.ServeAsync(new FreesoundApiSite("secret"));
        using var client = Client(host);
        const string search = "/apiv2/search/text/?query=rain&fields=id,previews&page_size=15";

        var anonymous = await client.GetAsync(search);
        using var wrong = new HttpRequestMessage(HttpMethod.Get, search) { Headers = { { "Authorization", "Token nope" } } };
        using var right = new HttpRequestMessage(HttpMethod.Get, search) { Headers = { { "Authorization", "Token secret" } } };
        using var past = new HttpRequestMessage(HttpMethod.Get, search + "&page=4") { Headers = { { "Authorization", "Token secret" } } };

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Invalid token.", (await JsonAsync(await client.SendAsync(wrong))).GetProperty("detail").GetString());
        var page = await JsonAsync(await client.SendAsync(right));
        Assert.Equal(40, page.GetProperty("count").GetInt32());
        Assert.StartsWith(host.BaseUrl.AbsoluteUri + "apiv2/search/text/?page=2&", page.GetProperty("next").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, page.GetProperty("previous").ValueKind);
        Assert.Equal(["id", "previews"], page.GetProperty("results")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(past)).StatusCode);
    }
}
