using AudioCrawl.Core.Http;
using AudioCrawl.SampleSite.Scripted;
using AudioCrawl.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace AudioCrawl.Browser.Tests;

public sealed class BrowserFetcherTests : IAsyncLifetime
{
    private readonly ScriptedSite _site = new();
    private LoopbackServer _server = null!;
    private BrowserFetcher _browser = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackServer.StartAsync(_site);
        _browser = new BrowserFetcher(new BrowserFetcherOptions { Concurrency = 2 }, NullLogger.Instance);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Reads_a_list_that_a_script_renders_which_plain_http_does_not_see()
    {
        var request = new Request(_server.Url("/library")) { Wait = new BrowserWait { Selector = "#app[data-ready]" } };
        using var http = new HttpFetcher(HttpFetcherOptions.From(new()));

        var plain = await http.FetchAsync(request);
        var rendered = await _browser.FetchAsync(request);

        Assert.Empty(plain.Css("li.sound"));
        Assert.Equal(_site.Sounds.Select(s => s.Name), rendered.Css("li.sound .name").Select(e => e.TextContent));
        Assert.Equal(_site.ExpectedPairs(_server.BaseUrl).Select(p => p.Url), rendered.Css("li.sound audio").Select(a => rendered.Resolve(a.GetAttribute("src"))!.AbsoluteUri));
        Assert.Equal(200, rendered.Status);
        Assert.Equal("text/html", rendered.MediaType);
    }

    [Fact]
    public async Task Captures_audio_the_page_requests_while_it_runs()
    {
        var response = await _browser.FetchAsync(new Request(_server.Url("/player/3")) { Wait = new BrowserWait { Until = PageLoadState.NetworkIdle } });

        Assert.Equal(ScriptedSite.PlayerAudio(_server.BaseUrl, 3).ToHashSet(), response.NetworkAudio.ToHashSet());
        Assert.Equal(2, response.NetworkAudio.Count);
        Assert.Equal(0, _server.Hits("/previews/3.ogg"));
        Assert.DoesNotContain("stream/s-3", response.Text);
        Assert.Empty(new Response(response.Request, response.Url, 200, ResponseHeaders.Empty, response.Body).NetworkAudio);
    }
}
