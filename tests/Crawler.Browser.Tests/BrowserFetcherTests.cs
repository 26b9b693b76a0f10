using AudioCrawl.SampleSite.TestSites.Scripted;
using AudioCrawl.Testing;
using Crawler.Abstractions.Http;
using Crawler.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Crawler.Browser.Tests;

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

    [Fact]
    public async Task Does_not_download_images_fonts_or_media_by_default()
    {
        _server.Page("/styled", """
            <style>@font-face { font-family: x; src: url(/font.woff2); } body { font-family: x; }</style>
            <img src="/pixel.png"><audio src="/clip.wav" preload="auto"></audio><p>text</p>
            """);
        _server.Bytes("/pixel.png", [137, 80, 78, 71], "image/png");
        _server.Bytes("/font.woff2", [0], "font/woff2");
        _server.Bytes("/clip.wav", AudioCrawl.SampleSite.WavTone.Create(440), "audio/wav");
        await using var unblocked = new BrowserFetcher(new BrowserFetcherOptions { Block = new HashSet<string>() }, NullLogger.Instance);

        var blocked = await _browser.FetchAsync(new Request(_server.Url("/styled")));
        var hitsWhileBlocked = _server.Hits("/pixel.png") + _server.Hits("/font.woff2") + _server.Hits("/clip.wav");
        await unblocked.FetchAsync(new Request(_server.Url("/styled")) { Wait = new BrowserWait { Until = PageLoadState.NetworkIdle } });

        Assert.Equal(0, hitsWhileBlocked);
        Assert.Equal([_server.Url("/clip.wav")], blocked.NetworkAudio);
        Assert.Equal(1, _server.Hits("/pixel.png"));
        Assert.Equal(1, _server.Hits("/clip.wav"));
    }

    [Fact]
    public async Task Never_loads_more_pages_at_once_than_the_pool_holds()
    {
        var requests = Enumerable.Range(0, 8).Select(i => new Request(_server.Url($"/delay/{200 + i}")));

        var responses = await Task.WhenAll(requests.Select(r => _browser.FetchAsync(r).AsTask()));

        Assert.All(responses, r => Assert.Equal(200, r.Status));
        Assert.Equal(2, _server.PeakConcurrency("127.0.0.1"));
        Assert.Equal(1, _browser.Launches);
    }

    [Fact]
    public async Task A_selector_that_never_appears_is_a_timeout_naming_it()
    {
        _server.Page("/empty", "<p>nothing here</p>");

        var error = await Assert.ThrowsAsync<FetchException>(async () =>
            await _browser.FetchAsync(new Request(_server.Url("/empty")) { Wait = new BrowserWait { Selector = "#never", Timeout = 1 } }));

        Assert.Equal(FetchErrorKinds.Timeout, error.Kind);
        Assert.Contains("'#never'", error.Message);
    }

    [Fact]
    public async Task Restarts_a_crashed_browser_and_retries_the_request_it_held()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var hits = 0;
        _server.Handle("/hang", async context =>
        {
            if (Interlocked.Increment(ref hits) == 1)
            {
                arrived.TrySetResult();
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
                return;
            }
            await context.Response.WriteAsync("<html><body><h1>second try</h1></body></html>");
        });
        await _browser.FetchAsync(new Request(_server.Url("/library")));
        var pid = await _browser.BrowserProcessIdAsync();
        Assert.NotNull(pid);

        var pending = _browser.FetchAsync(new Request(_server.Url("/hang"))).AsTask();
        await arrived.Task;
        using (var process = System.Diagnostics.Process.GetProcessById(pid.Value))
            process.Kill();
        var response = await pending;

        Assert.Equal("second try", response.CssFirst("h1")!.TextContent);
        Assert.Equal(2, hits);
        Assert.Equal(2, _browser.Launches);
        Assert.NotEqual(pid, await _browser.BrowserProcessIdAsync());
    }

    [Fact]
    public async Task Closes_the_browser_when_disposed()
    {
        var browser = new BrowserFetcher(new BrowserFetcherOptions(), NullLogger.Instance);
        await browser.FetchAsync(new Request(_server.Url("/library")));
        var pid = (await browser.BrowserProcessIdAsync())!.Value;
        using var process = System.Diagnostics.Process.GetProcessById(pid);

        await browser.DisposeAsync();

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(patience.Token);
        Assert.True(process.HasExited);
    }

    [Fact]
    public async Task Sends_the_method_and_body_the_request_carries_and_passes_non_html_through()
    {
        _server.Handle("/echo", async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($$"""{ "method": "{{context.Request.Method}}", "body": "{{body}}", "token": "{{context.Request.Headers["X-Token"]}}" }""");
        });

        var response = await _browser.FetchAsync(new Request(_server.Url("/echo"))
        {
            Method = "POST",
            Body = "q=rain"u8.ToArray(),
            Headers = new Dictionary<string, string> { ["X-Token"] = "abc" },
        });

        Assert.Equal("POST", response.Json.GetProperty("method").GetString());
        Assert.Equal("q=rain", response.Json.GetProperty("body").GetString());
        Assert.Equal("abc", response.Json.GetProperty("token").GetString());
    }

    [Fact]
    public async Task A_missing_executable_is_a_clear_browser_error()
    {
        await using var browser = new BrowserFetcher(new BrowserFetcherOptions { ExecutablePath = "/nonexistent/chromium" }, NullLogger.Instance);

        var error = await Assert.ThrowsAsync<FetchException>(async () => await browser.FetchAsync(new Request(_server.Url("/library"))));

        Assert.Equal(FetchErrorKinds.Browser, error.Kind);
        Assert.Contains("/nonexistent/chromium does not exist", error.Message);
    }
}
