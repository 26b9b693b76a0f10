using System.Collections.Concurrent;
using System.Text.Json;
using AudioCrawl.SampleSite.Sounds;
using AudioCrawl.Testing;
using Crawler.Abstractions.Http;
using Crawler.Abstractions.Pipeline;
using Crawler.Abstractions.Scheduling;
using Crawler.Abstractions.Spiders;
using Crawler.Core.Configuration;
using Crawler.Core.Engine;
using Crawler.Core.Http;
using Crawler.Core.Media;
using Crawler.Core.Scheduling;
using Crawler.Core.Spiders;
using Crawler.Core.Tests.Engine;
using Xunit;

namespace Crawler.Core.Tests.Media;

/// <summary>A sink of one's own that downloads: its media requests go through the crawl's frontier and fetch pipeline.</summary>
public sealed class MediaRequestTests : IAsyncLifetime
{
    private static readonly SpiderRegistry Registry = new([typeof(LinkSpider).Assembly]);
    private readonly SoundLibrarySite _site = new(new SoundCatalogue(20));
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync(_site);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private CrawlPlan Plan() =>
        new CrawlPlanner(Registry, CrawlerConfig.Empty).Plan("links",
            [new("startUrls", _server.BaseUrl.AbsoluteUri), new("delay", "0"), new("concurrency", "1"), new("perHost", "1")]);

    /// <summary>Schedules a media request per pair; the engine hands the fetched response back.</summary>
    private sealed class FetchingSink(IFrontier frontier) : IPairSink, IMediaRequestHandler
    {
        public ConcurrentDictionary<string, (int Status, string Text)> Fetched { get; } = new();

        public string Name => "fetching";

        public string MediaHandlerName => "fetching";

        public Task OpenAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public async ValueTask WriteAsync(AudioPair pair, CancellationToken cancellationToken = default) =>
            await frontier.EnqueueAsync(MediaRequests.For(MediaHandlerName, pair.Url, JsonSerializer.SerializeToElement(pair.Text)), cancellationToken);

        public async ValueTask HandleAsync(MediaRequestContext context, CancellationToken cancellationToken = default)
        {
            var response = await context.Fetcher.FetchAsync(context.Request, cancellationToken);
            Fetched[context.Request.Url.AbsoluteUri] = (response.Status, context.Request.GetData<string>());
            await context.CompleteAsync();
        }

        public ValueTask FlushAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Media_requests_are_fetched_through_the_crawls_fetch_path_each_after_its_page_and_counted()
    {
        var frontier = new InMemoryFrontier();
        var sink = new FetchingSink(frontier);

        var result = await TestCrawl.RunAsync(Plan(), [sink], host => host.AddFrontier(frontier).AddFetcher(FetcherKind.Audio, _ => new HttpFetcher(HttpFetcherOptions.From(host.Engine))));

        Assert.Equal(CrawlOutcome.Finished, result.Outcome);
        var expected = _site.ExpectedPairs(_server.BaseUrl);
        Assert.Equal(expected.ToHashSet(), sink.Fetched.Select(f => (f.Key, f.Value.Text)).ToHashSet());
        Assert.All(sink.Fetched.Values, f => Assert.Equal(200, f.Status));
        var requests = _server.Log.Select(r => r.PathAndQuery).Where(p => p != "/robots.txt").ToList();
        Assert.All(requests.Where(p => p.StartsWith("/audio/", StringComparison.Ordinal)), audio =>
            Assert.True(requests.IndexOf(audio) > requests.IndexOf("/sound/" + audio["/audio/".Length..^".wav".Length]), $"{audio} before its page"));
        Assert.Equal(requests.Count, result.Stats.Requests);
    }

    [Fact]
    public async Task A_media_request_for_a_sink_this_crawl_lacks_stays_pending_and_is_counted()
    {
        var frontier = new InMemoryFrontier();
        await frontier.EnqueueAsync(MediaRequests.For("gone", _server.Url("/audio/1.wav"), JsonSerializer.SerializeToElement("a tone")));

        var result = await TestCrawl.RunAsync(Plan(), [new CollectingSink()], host => host.AddFrontier(frontier));

        Assert.Equal(1, result.Stats.RequestsDroppedByReason[RequestDropReasons.NoMediaHandler]);
        Assert.Equal(0, _server.Hits("/audio/1.wav"));
    }
}
