using Crawler.Abstractions.Configuration;
using Crawler.Abstractions.Http;
using Crawler.Core.Configuration;
using Crawler.Core.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Crawler.Core.Tests.Http;

/// <summary>Fetchers by name: keyed registrations of the crawl host, reached through its one fetch pipeline.</summary>
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

    private static CrawlHostBuilder Builder(string defaultFetcher = FetcherKind.Http) =>
        new(new EngineSettings { Fetcher = defaultFetcher, ObeyRobotsTxt = false, Delay = 0 }, NullLoggerFactory.Instance, TimeProvider.System);

    [Fact]
    public async Task Creates_a_fetcher_only_when_a_request_names_it_and_the_host_disposes_them()
    {
        NamedFetcher? http = null;
        NamedFetcher? browser = null;
        var host = Builder()
            .AddFetcher(FetcherKind.Http, _ => http = new NamedFetcher("http"))
            .AddFetcher(FetcherKind.Browser, _ => browser = new NamedFetcher("browser"))
            .Build();

        var plain = await host.Fetch.FetchAsync(new Request(Page));
        Assert.Null(browser);
        var rendered = await host.Fetch.FetchAsync(new Request(Page) { Fetcher = FetcherKind.Browser });
        await host.DisposeAsync();

        Assert.Equal("http", plain.Headers["X-Fetcher"]);
        Assert.Equal("browser", rendered.Headers["X-Fetcher"]);
        Assert.True(http!.Disposed);
        Assert.True(browser!.Disposed);
    }

    [Fact]
    public async Task Requests_without_a_fetcher_use_the_default_and_explicit_ones_win()
    {
        await using var host = Builder(FetcherKind.Browser)
            .AddFetcher(FetcherKind.Http, _ => new NamedFetcher("http"))
            .AddFetcher(FetcherKind.Browser, _ => new NamedFetcher("browser"))
            .Build();

        var byDefault = await host.Fetch.FetchAsync(new Request(Page));
        var explicitHttp = await host.Fetch.FetchAsync(new Request(Page) { Fetcher = FetcherKind.Http });

        Assert.Equal("browser", byDefault.Headers["X-Fetcher"]);
        Assert.Equal("http", explicitHttp.Headers["X-Fetcher"]);
    }

    [Fact]
    public async Task A_browser_request_without_a_browser_fetcher_is_a_clear_fetch_error()
    {
        await using var host = Builder().AddFetcher(FetcherKind.Http, _ => new NamedFetcher("http")).Build();

        var error = await Assert.ThrowsAsync<FetchException>(async () => await host.Fetch.FetchAsync(new Request(Page) { Fetcher = FetcherKind.Browser }));

        Assert.Equal(FetchErrorKinds.NoBrowser, error.Kind);
    }

    [Fact]
    public async Task A_request_naming_an_unregistered_fetcher_fails_with_the_names_the_host_has()
    {
        await using var host = Builder().AddFetcher(FetcherKind.Http, _ => new NamedFetcher("http")).Build();

        var error = await Assert.ThrowsAsync<FetchException>(async () => await host.Fetch.FetchAsync(new Request(Page) { Fetcher = "mine" }));

        Assert.Equal(FetchErrorKinds.NoFetcher, error.Kind);
        Assert.Contains("'mine'", error.Message);
        Assert.Contains("http", error.Message);
    }

    [Fact]
    public void A_default_fetcher_the_host_lacks_is_a_configuration_error_before_any_request()
    {
        var error = Assert.Throws<ConfigurationException>(() => Builder("mine").AddFetcher(FetcherKind.Http, _ => new NamedFetcher("http")).Build());

        Assert.Contains("fetcher \"mine\"", error.Message);
    }

    [Fact]
    public void Requests_stored_by_an_earlier_version_with_a_numbered_fetcher_still_read()
    {
        var browser = System.Text.Json.JsonSerializer.Deserialize<Request>("""{"Url":"http://a.test/","Callback":"parse","Fetcher":1}""")!;
        var http = System.Text.Json.JsonSerializer.Deserialize<Request>("""{"Url":"http://a.test/","Callback":"parse","Fetcher":0}""")!;
        var named = System.Text.Json.JsonSerializer.Serialize(browser);

        Assert.Equal(FetcherKind.Browser, browser.Fetcher);
        Assert.Equal(FetcherKind.Http, http.Fetcher);
        Assert.Contains("\"Fetcher\":\"browser\"", named);
    }
}
