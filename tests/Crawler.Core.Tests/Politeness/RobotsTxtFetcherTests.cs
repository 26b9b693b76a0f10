using AudioCrawl.Testing;
using Crawler.Abstractions.Configuration;
using Crawler.Abstractions.Http;
using Crawler.Core.Configuration;
using Crawler.Core.Engine;
using Crawler.Core.Hosting;
using Crawler.Core.Http;
using Crawler.Core.Politeness;
using Crawler.Core.Spiders;
using Crawler.Core.Tests.Engine;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Crawler.Core.Tests.Politeness;

public sealed class RobotsTxtFetcherTests : IAsyncLifetime
{
    private static readonly SpiderRegistry Registry = new([typeof(LinkSpider).Assembly]);
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static CrawlPlan Plan(Uri start, params (string Key, string Value)[] settings)
    {
        var overrides = settings.Select(s => new KeyValuePair<string, string>(s.Key, s.Value)).ToList();
        overrides.Add(new("startUrls", start.AbsoluteUri));
        overrides.Add(new("delay", "0"));
        return new CrawlPlanner(Registry, CrawlerConfig.Empty).Plan("links", overrides);
    }

    private void Site()
    {
        _server.Robots("User-agent: *\nDisallow: /private/\n\nUser-agent: AudioCrawl\nDisallow: /private/\nDisallow: /*.secret$\n");
        _server.Page("/", """
            <a href="/public/1">1</a><a href="/private/2">2</a><a href="/public/3.secret">3</a><a href="/public/3.secret.not">4</a>
            <audio src="/a.wav"></audio><h1>home</h1>
            """);
        _server.Page("/public/1", "<h1>one</h1>");
        _server.Page("/private/2", "<h1>two</h1>");
        _server.Page("/public/3.secret", "<h1>three</h1>");
        _server.Page("/public/3.secret.not", "<h1>four</h1>");
    }

    [Fact]
    public async Task A_crawl_never_requests_what_robots_txt_disallows_and_counts_it()
    {
        Site();
        var sink = new RecordingSink();

        var result = await TestCrawl.RunAsync(Plan(_server.BaseUrl), [sink]);

        Assert.Equal(CrawlOutcome.Finished, result.Outcome);
        var paths = _server.Log.Select(r => r.PathAndQuery).ToList();
        Assert.DoesNotContain("/private/2", paths);
        Assert.DoesNotContain("/public/3.secret", paths);
        Assert.Contains("/public/1", paths);
        Assert.Contains("/public/3.secret.not", paths);
        Assert.Equal(1, _server.Hits("/robots.txt"));
        Assert.Equal(2, result.Stats.RequestsDroppedByReason["robots"]);
    }

    [Fact]
    public async Task With_obeyRobotsTxt_off_robots_txt_is_neither_fetched_nor_obeyed()
    {
        Site();

        await TestCrawl.RunAsync(Plan(_server.BaseUrl, ("obeyRobotsTxt", "false")), [new RecordingSink()]);

        Assert.Equal(0, _server.Hits("/robots.txt"));
        Assert.Equal(1, _server.Hits("/private/2"));
    }

    [Fact]
    public async Task Robots_txt_is_fetched_once_per_host_and_port()
    {
        Site();
        using var http = new HttpFetcher(HttpFetcherOptions.From(new EngineSettings()));
        var cache = new RobotsTxtCache(http, new RobotsTxtOptions { UserAgent = "AudioCrawl/1" }, TimeProvider.System, NullLogger.Instance);
        var fetcher = new RobotsTxtFetcher(http, cache, "AudioCrawl");

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => fetcher.FetchAsync(new Request(_server.Url("/public/1"))).AsTask()));
        await fetcher.FetchAsync(new Request(new Uri(_server.SecondHostUrl, "/public/1")));

        Assert.Equal(2, _server.Log.Count(r => r.PathAndQuery == "/robots.txt"));
        Assert.Single(_server.Log, r => r.PathAndQuery == "/robots.txt" && r.Host == "127.0.0.2");
    }

    [Theory]
    [InlineData(404, true)]
    [InlineData(403, true)]
    [InlineData(500, false)]
    [InlineData(503, false)]
    [InlineData(429, false)]
    public async Task A_4xx_allows_everything_and_a_5xx_or_429_disallows_everything(int status, bool allowed)
    {
        _server.Text("/robots.txt", "User-agent: *\nDisallow: /\n", status: status);
        _server.Page("/page", "<h1>page</h1>");
        using var http = new HttpFetcher(HttpFetcherOptions.From(new EngineSettings()));
        var cache = new RobotsTxtCache(http, new RobotsTxtOptions { UserAgent = "AudioCrawl/1" }, TimeProvider.System, NullLogger.Instance);
        var fetcher = new RobotsTxtFetcher(http, cache, "AudioCrawl");

        var fetch = fetcher.FetchAsync(new Request(_server.Url("/page"))).AsTask();

        if (allowed)
        {
            Assert.Equal(200, (await fetch).Status);
            Assert.Equal(1, _server.Hits("/page"));
        }
        else
        {
            var error = await Assert.ThrowsAsync<FetchException>(() => fetch);
            Assert.Equal(RobotsTxtFetcher.UnavailableKind, error.Kind);
            Assert.Equal(0, _server.Hits("/page"));
        }
    }

    [Fact]
    public async Task An_unavailable_robots_txt_is_asked_for_again_after_the_retry_interval()
    {
        var failures = 1;
        _server.Handle("/robots.txt", context =>
        {
            context.Response.StatusCode = Interlocked.Decrement(ref failures) >= 0 ? 503 : 200;
            return context.Response.WriteAsync("User-agent: *\nDisallow: /no\n");
        });
        _server.Page("/page", "<h1>page</h1>");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var http = new HttpFetcher(HttpFetcherOptions.From(new EngineSettings()));
        var options = new RobotsTxtOptions { UserAgent = "AudioCrawl/1", RetryUnavailableAfter = TimeSpan.FromMinutes(1) };
        var fetcher = new RobotsTxtFetcher(http, new RobotsTxtCache(http, options, clock, NullLogger.Instance), "AudioCrawl");

        await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(new Request(_server.Url("/page"))).AsTask());
        clock.Advance(TimeSpan.FromSeconds(59));
        await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(new Request(_server.Url("/page"))).AsTask());
        clock.Advance(TimeSpan.FromSeconds(2));
        var response = await fetcher.FetchAsync(new Request(_server.Url("/page")));

        Assert.Equal(200, response.Status);
        Assert.Equal(2, _server.Hits("/robots.txt"));
        await Assert.ThrowsAsync<RequestDroppedException>(() => fetcher.FetchAsync(new Request(_server.Url("/no"))).AsTask());
    }

    [Fact]
    public async Task Spiders_can_read_the_sitemaps_robots_txt_lists()
    {
        _server.Robots("Sitemap: /sitemap-index.xml\nUser-agent: *\nAllow: /\n");
        await using var host = new CrawlHostBuilder(new EngineSettings(), NullLoggerFactory.Instance, TimeProvider.System).AddHttpFetcher().Build();

        var robots = await host.Fetch.Robots!.GetAsync(_server.Url("/any/page"));

        Assert.Equal([_server.Url("/sitemap-index.xml")], robots.Sitemaps);
    }
}
