using AudioCrawl.SampleSite.Sounds;
using AudioCrawl.Testing;
using Crawler.Abstractions.Pipeline;
using Crawler.Core.Configuration;
using Crawler.Core.Engine;
using Crawler.Core.Spiders;
using Xunit;

namespace Crawler.Core.Tests.Engine;

public sealed class CrawlEngineTests : IAsyncLifetime
{
    private static readonly SpiderRegistry Registry = new([typeof(LinkSpider).Assembly]);
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync(new SoundLibrarySite(new SoundCatalogue(60)));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static CrawlPlan Plan(IEnumerable<Uri> start, params (string Key, string Value)[] settings)
    {
        var overrides = settings.Select(s => new KeyValuePair<string, string>(s.Key, s.Value)).ToList();
        overrides.Add(new("startUrls", string.Join(',', start.Select(u => u.AbsoluteUri))));
        if (overrides.All(o => o.Key != "delay"))
            overrides.Add(new("delay", "0"));
        return new CrawlPlanner(Registry, CrawlerConfig.Empty).Plan("links", overrides);
    }

    private static async Task<CrawlResult> RunAsync(CrawlPlan plan, IPairSink sink, CancellationToken stop = default) =>
        await TestCrawl.RunAsync(plan, [sink], stopToken: stop);

    private string Hub(string name, IEnumerable<Uri> links)
    {
        _server.Page($"/{name}", "<html><body>" + string.Concat(links.Select(l => $"<a href=\"{l}\">x</a>")) + "</body></html>");
        return $"/{name}";
    }

    [Fact]
    public async Task Holds_the_per_host_limit_as_the_server_sees_it()
    {
        var slowPages = Enumerable.Range(0, 12).SelectMany(i => new[] { new Uri(_server.BaseUrl, $"delay/150?i={i}"), new Uri(_server.SecondHostUrl, $"delay/150?i={i}") });
        var hub = Hub("hub", slowPages);
        var sink = new RecordingSink();

        var result = await RunAsync(Plan([_server.Url(hub)], ("perHost", "2"), ("concurrency", "10"), ("allowedDomains", "*"), ("allowEmpty", "true")), sink);

        Assert.Equal(CrawlOutcome.Finished, result.Outcome);
        Assert.Equal(25, result.Stats.Responses);
        Assert.Equal(2, _server.PeakConcurrency("127.0.0.1"));
        Assert.Equal(2, _server.PeakConcurrency("127.0.0.2"));
    }

    [Fact]
    public async Task Uses_up_to_the_per_host_limit_when_it_is_higher()
    {
        var hub = Hub("hub4", Enumerable.Range(0, 16).Select(i => new Uri(_server.BaseUrl, $"delay/150?i={i}")));
        await RunAsync(Plan([_server.Url(hub)], ("perHost", "4"), ("concurrency", "10")), new RecordingSink());
        Assert.Equal(4, _server.PeakConcurrency("127.0.0.1"));
    }

    [Fact]
    public async Task Fetches_every_page_once_and_keeps_every_pair_once()
    {
        var site = new SoundLibrarySite(new SoundCatalogue(60));
        var sink = new RecordingSink();

        var result = await RunAsync(Plan([_server.BaseUrl], ("perHost", "8")), sink);

        Assert.Equal(CrawlOutcome.Finished, result.Outcome);
        Assert.All(_server.AllHits, hit => Assert.Equal(1, hit.Value));
        Assert.True(result.Stats.RequestsDroppedByReason["duplicate"] > 0);
        var expected = site.ExpectedPairs(_server.BaseUrl).ToHashSet();
        var actual = sink.Pairs.Select(p => (p.Url.AbsoluteUri, p.Text)).ToList();
        Assert.Equal(actual.Count, actual.Distinct().Count());
        Assert.True(expected.SetEquals(actual));
        Assert.All(sink.Pairs, p => Assert.Equal("links", p.Spider));
        Assert.All(sink.Pairs, p => Assert.Contains("/sound/", p.Page!.AbsolutePath));
    }

    [Fact]
    public async Task Follows_links_no_deeper_than_max_depth()
    {
        for (var i = 0; i < 6; i++)
            _server.Page($"/chain/{i}", $"<a href=\"/chain/{i + 1}\">next</a>");

        var result = await RunAsync(Plan([_server.Url("/chain/0")], ("maxDepth", "3")), new RecordingSink());

        Assert.Equal(1, _server.Hits("/chain/3"));
        Assert.Equal(0, _server.Hits("/chain/4"));
        Assert.Equal(1, result.Stats.RequestsDroppedByReason["max_depth"]);
    }

    [Fact]
    public async Task Drops_and_counts_off_site_requests_without_sending_them()
    {
        var hub = Hub("mixed", [_server.Url("/chain-a"), new Uri(_server.SecondHostUrl, "elsewhere"), new Uri("http://127.0.0.3:1/far")]);
        _server.Page("/chain-a", "<p>a</p>");

        var result = await RunAsync(Plan([_server.Url(hub)]), new RecordingSink());

        Assert.Equal(2, result.Stats.RequestsDroppedByReason["offsite"]);
        Assert.DoesNotContain(_server.Log, r => r.Host != "127.0.0.1");
        Assert.Equal(1, _server.Hits("/chain-a"));
    }

    [Fact]
    public async Task Stops_scheduling_at_max_requests()
    {
        var result = await RunAsync(Plan([_server.BaseUrl], ("maxRequests", "5"), ("perHost", "1"), ("concurrency", "1")), new RecordingSink());

        Assert.Equal(CrawlOutcome.Stopped, result.Outcome);
        Assert.Equal(FinishReasons.MaxRequests, result.FinishReason);
        Assert.Equal(5, _server.TotalHits - _server.Hits("/robots.txt"));
        Assert.True(result.Stats.Queued > 0);
    }

    [Fact]
    public async Task Stops_at_max_items_with_exactly_that_many_pairs()
    {
        var sink = new RecordingSink();
        var result = await RunAsync(Plan([_server.BaseUrl], ("maxItems", "7"), ("perHost", "4")), sink);

        Assert.Equal(FinishReasons.MaxItems, result.FinishReason);
        Assert.Equal(7, sink.Pairs.Count);
        Assert.Equal(7, result.Stats.Items);
    }

    [Fact]
    public async Task A_failing_callback_is_counted_and_the_crawl_goes_on()
    {
        var hub = Hub("fragile", [_server.Url("/bad"), _server.Url("/good")]);
        _server.Page("/bad", "<p>explode</p>");
        _server.Page("/good", "<h1>Good</h1><audio src=\"/a.mp3\"></audio>");
        var sink = new RecordingSink();

        var result = await RunAsync(Plan([_server.Url(hub)]), sink);

        Assert.Equal(CrawlOutcome.Finished, result.Outcome);
        Assert.Equal(1, result.Stats.ErrorsByKind["spider_exception"]);
        Assert.Equal("Good", Assert.Single(sink.Pairs).Text);
    }

    [Fact]
    public async Task Error_statuses_are_counted_not_parsed_and_fetch_errors_are_counted_by_kind()
    {
        var hub = Hub("errors", [_server.Url("/status/404"), _server.Url("/status/500"), _server.Url("/drop")]);

        var result = await RunAsync(Plan([_server.Url(hub)], ("allowEmpty", "true")), new RecordingSink());

        Assert.Equal(1, result.Stats.ErrorsByKind["http_404"]);
        Assert.Equal(1, result.Stats.ErrorsByKind["http_500"]);
        Assert.Equal(1, result.Stats.ErrorsByKind["connection"]);
        Assert.Equal(CrawlOutcome.Finished, result.Outcome);
    }

    [Fact]
    public async Task A_crawl_where_nothing_answers_fails()
    {
        var port = _server.BaseUrl.Port;
        await _server.DisposeAsync();
        var result = await RunAsync(Plan([new Uri($"http://127.0.0.1:{port}/")]), new RecordingSink());
        _server = await LoopbackServer.StartAsync();

        Assert.Equal(CrawlOutcome.Failed, result.Outcome);
        Assert.Equal(FinishReasons.NoResponses, result.FinishReason);
    }

    [Fact]
    public async Task A_failing_sink_fails_the_crawl_and_keeps_what_it_acknowledged()
    {
        var sink = new RecordingSink(failAfter: 3);
        var result = await RunAsync(Plan([_server.BaseUrl], ("perHost", "4")), sink);

        Assert.Equal(CrawlOutcome.Failed, result.Outcome);
        Assert.Equal(FinishReasons.SinkFailed, result.FinishReason);
        Assert.Contains("No space left on device", result.FailureMessage);
        Assert.Equal(3, sink.Pairs.Count);
        Assert.True(sink.Disposed);
    }

    [Fact]
    public async Task A_graceful_stop_lets_in_flight_requests_finish_and_closes_the_sinks()
    {
        var slow = Enumerable.Range(0, 30).Select(i => _server.Url($"/slow/{i}")).ToArray();
        foreach (var (url, i) in slow.Select((u, i) => (u, i)))
        {
            _server.Handle(url.AbsolutePath, async context =>
            {
                await Task.Delay(300);
                context.Response.ContentType = "text/html";
                await context.Response.Body.WriteAsync(System.Text.Encoding.UTF8.GetBytes($"<h1>slow {i}</h1><audio src=\"/s{i}.mp3\"></audio>"));
            });
        }
        var hub = Hub("slowhub", slow);
        var sink = new RecordingSink();
        using var stop = new CancellationTokenSource();

        var crawl = RunAsync(Plan([_server.Url(hub)], ("perHost", "3"), ("concurrency", "3"), ("gracePeriod", "10")), sink, stop.Token);
        while (_server.Log.Count(r => r.PathAndQuery.StartsWith("/slow/", StringComparison.Ordinal)) < 3)
            await Task.Delay(20);
        await stop.CancelAsync();
        var result = await crawl;

        var requested = _server.Log.Count(r => r.PathAndQuery.StartsWith("/slow/", StringComparison.Ordinal));
        Assert.Equal(CrawlOutcome.Stopped, result.Outcome);
        Assert.Equal(FinishReasons.Cancelled, result.FinishReason);
        Assert.True(requested < 30);
        Assert.Equal(requested, sink.Pairs.Count);
        Assert.True(sink.Disposed);
    }

    [Fact]
    public async Task A_second_stop_abandons_requests_in_flight()
    {
        var hub = Hub("stuck", [_server.Url("/delay/20000")]);
        var sink = new RecordingSink();
        CrawlEngine? engine = null;
        var crawl = TestCrawl.RunAsync(Plan([_server.Url(hub)], ("gracePeriod", "60")), [sink], onStarted: e => engine = e);
        while (_server.Hits("/delay/20000") == 0)
            await Task.Delay(20);

        engine!.Abort();
        var result = await crawl.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, result.Stats.RequestsDroppedByReason["abandoned"]);
        Assert.True(sink.Disposed);
    }
}
