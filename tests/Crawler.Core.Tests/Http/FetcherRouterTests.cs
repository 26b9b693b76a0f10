using AudioCrawl.Core.Http;
using Xunit;

namespace AudioCrawl.Core.Tests.Http;

public sealed class FetcherRouterTests
{
    private sealed class NamedFetcher(string name) : IFetcher, IAsyncDisposable
    {
        public bool Disposed { get; private set; }

        public ValueTask<Response> FetchAsync(Request request, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new Response(request, request.Url, 200, new ResponseHeaders([new("X-Fetcher", [name])]), ReadOnlyMemory<byte>.Empty));

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }

    private static readonly Uri Page = new("http://a.test/");

    [Fact]
    public async Task Creates_the_browser_only_when_a_browser_request_arrives_and_disposes_both()
    {
        var http = new NamedFetcher("http");
        NamedFetcher? browser = null;
        var router = new FetcherRouter(http, () => browser = new NamedFetcher("browser"));

        var plain = await router.FetchAsync(new Request(Page));
        Assert.Null(browser);
        Assert.False(router.BrowserStarted);
        var rendered = await router.FetchAsync(new Request(Page) { Fetcher = FetcherKind.Browser });
        await router.DisposeAsync();

        Assert.Equal("http", plain.Headers["X-Fetcher"]);
        Assert.Equal("browser", rendered.Headers["X-Fetcher"]);
        Assert.True(http.Disposed);
        Assert.True(browser!.Disposed);
    }

    [Fact]
    public async Task Requests_without_a_fetcher_use_the_default_and_explicit_ones_win()
    {
        var router = new FetcherRouter(new NamedFetcher("http"), () => new NamedFetcher("browser"), FetcherKind.Browser);

        var byDefault = await router.FetchAsync(new Request(Page));
        var explicitHttp = await router.FetchAsync(new Request(Page) { Fetcher = FetcherKind.Http });

        Assert.Equal("browser", byDefault.Headers["X-Fetcher"]);
        Assert.Equal("http", explicitHttp.Headers["X-Fetcher"]);
    }

    [Fact]
    public async Task A_browser_request_without_a_browser_fetcher_is_a_clear_fetch_error()
    {
        var router = new FetcherRouter(new NamedFetcher("http"), createBrowser: null);

        var error = await Assert.ThrowsAsync<FetchException>(async () => await router.FetchAsync(new Request(Page) { Fetcher = FetcherKind.Browser }));

        Assert.Equal(FetchErrorKinds.NoBrowser, error.Kind);
    }
}
