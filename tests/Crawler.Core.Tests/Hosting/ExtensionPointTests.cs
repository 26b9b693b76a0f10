using System.Collections.Concurrent;
using AudioCrawl.SampleSite.Sounds;
using AudioCrawl.Testing;
using AudioCrawl.Testing.Extending;
using Crawler.Abstractions.Hosting;
using Crawler.Abstractions.Http;
using Crawler.Core.Configuration;
using Crawler.Core.Engine;
using Crawler.Core.Hosting;
using Crawler.Core.Spiders;
using Crawler.Core.Tests.Engine;
using Xunit;

namespace Crawler.Core.Tests.Hosting;

/// <summary>Middlewares, fetchers and extensions of one's own: one class and one registration each, seen from the server.</summary>
public sealed class ExtensionPointTests : IAsyncLifetime
{
    private static readonly SpiderRegistry Registry = new([typeof(LinkSpider).Assembly]);
    private readonly SoundLibrarySite _site = new(new SoundCatalogue(12));
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync(_site);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private CrawlPlan Plan(params (string Key, string Value)[] settings) =>
        new CrawlPlanner(Registry, CrawlerConfig.Empty).Plan("links",
            [new("startUrls", _server.BaseUrl.AbsoluteUri), new("delay", "0"), .. settings.Select(s => new KeyValuePair<string, string>(s.Key, s.Value))]);

    [Fact]
    public async Task A_user_middleware_adds_a_header_the_server_sees_on_every_request_robots_txt_included()
    {
        var sink = new CollectingSink();

        var result = await TestCrawl.RunAsync(Plan(), [sink], host => host.AddFetchMiddleware<CrawlIdHeaderMiddleware>());

        Assert.Equal(CrawlOutcome.Finished, result.Outcome);
        Assert.NotEmpty(sink.Pairs);
        Assert.Contains(_server.Log, r => r.PathAndQuery == "/robots.txt");
        Assert.All(_server.Log, r => Assert.Equal("nightly-42", r.Headers.GetValueOrDefault("X-Crawl-Id")));
    }

    private sealed class AttemptCounter : IFetchMiddleware
    {
        public ConcurrentDictionary<string, int> Attempts { get; } = new();

        public ValueTask<Response> FetchAsync(Request request, FetchDelegate next, CancellationToken cancellationToken)
        {
            Attempts.AddOrUpdate(request.Url.AbsolutePath, 1, (_, n) => n + 1);
            return next(request, cancellationToken);
        }
    }

    [Theory]
    [InlineData(FetchStageOrder.User, 2)]
    [InlineData(FetchStageOrder.Robots - 1, 1)]
    public async Task A_middleware_sees_each_retry_attempt_only_when_it_sits_inside_the_retries(int order, int attemptsSeen)
    {
        _server.Page("/flaky-start", "<html><body><h1>Start</h1><audio src=\"/audio/1.wav\"></audio><a href=\"/flaky/x/1\">flaky</a></body></html>");
        var plan = new CrawlPlanner(Registry, CrawlerConfig.Empty).Plan("links", [new("startUrls", _server.Url("/flaky-start").AbsoluteUri), new("delay", "0"), new("retries", "2"), new("retryDelay", "0")]);
        var counter = new AttemptCounter();

        var result = await TestCrawl.RunAsync(plan, [new CollectingSink()], host => host.AddFetchMiddleware(counter, order));

        Assert.Equal(CrawlOutcome.Finished, result.Outcome);
        Assert.Equal(2, _server.Hits("/flaky/x/1"));
        Assert.Equal(attemptsSeen, counter.Attempts["/flaky/x/1"]);
        Assert.Equal(order > FetchStageOrder.Robots, counter.Attempts.ContainsKey("/robots.txt"));
    }

    [Fact]
    public async Task A_user_fetcher_registered_by_name_serves_the_requests_that_name_it()
    {
        var sink = new CollectingSink();

        var result = await TestCrawl.RunAsync(Plan(("fetcher", "mine")), [sink], host => host.AddFetcher<MobileFetcher>("mine"));

        Assert.Equal(CrawlOutcome.Finished, result.Outcome);
        Assert.Equal(_site.ExpectedPairs(_server.BaseUrl).ToHashSet(), sink.Pairs.Select(p => (p.Url.AbsoluteUri, p.Text)).ToHashSet());
        Assert.All(_server.Log.Where(r => r.PathAndQuery != "/robots.txt"), r => Assert.Equal("AudioCrawl-mobile/1 (Android)", r.UserAgent));
        Assert.NotEqual("AudioCrawl-mobile/1 (Android)", Assert.Single(_server.Log, r => r.PathAndQuery == "/robots.txt").UserAgent);
    }

    [Fact]
    public async Task A_crawl_extension_sees_the_signals_in_order()
    {
        _server.Page("/start", "<html><body><h1>Start</h1><audio src=\"/audio/1.wav\"></audio><a href=\"/next\">next</a><a href=\"/status/404\">gone</a><a href=\"/drop\">drop</a></body></html>");
        _server.Page("/next", "<html><body><h1>Next</h1><audio src=\"/audio/2.wav\"></audio></body></html>");
        var recorder = new SignalRecorder();
        var plan = new CrawlPlanner(Registry, CrawlerConfig.Empty).Plan("links", [new("startUrls", _server.Url("/start").AbsoluteUri), new("delay", "0"), new("retries", "0"), new("concurrency", "1")]);

        var result = await TestCrawl.RunAsync(plan, [new CollectingSink()], host => host.AddExtension(recorder));

        Assert.Equal(CrawlOutcome.Finished, result.Outcome);
        var signals = recorder.Signals.ToList();
        Assert.Equal("started links", signals[0]);
        Assert.Equal("scheduled /start", signals[1]);
        Assert.Equal(["idle", "finished finished"], signals[^2..]);
        Assert.True(signals.IndexOf("response 200 /start") < signals.IndexOf("item /audio/1.wav"));
        Assert.True(signals.IndexOf("item /audio/1.wav") < signals.IndexOf("scheduled /next"));
        Assert.True(signals.IndexOf("scheduled /next") < signals.IndexOf("response 200 /next"));
        Assert.True(signals.IndexOf("response 200 /next") < signals.IndexOf("item /audio/2.wav"));
        Assert.Contains("response 404 /status/404", signals);
        Assert.Contains("error connection /drop", signals);
    }
}
