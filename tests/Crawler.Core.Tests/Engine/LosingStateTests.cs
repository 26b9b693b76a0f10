using AudioCrawl.SampleSite.Sounds;
using AudioCrawl.Testing;
using Crawler.Abstractions.Http;
using Crawler.Abstractions.Scheduling;
using Crawler.Core.Configuration;
using Crawler.Core.Engine;
using Crawler.Core.Pipeline;
using Crawler.Core.Scheduling;
using Crawler.Core.Spiders;
using Xunit;

namespace Crawler.Core.Tests.Engine;

/// <summary>A crawl whose shared state (frontier, pair keys) is lost for good stops, fails, and keeps what it acknowledged.</summary>
public sealed class LosingStateTests : IAsyncLifetime
{
    private static readonly SpiderRegistry Registry = new([typeof(LinkSpider).Assembly]);
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync(new SoundLibrarySite(new SoundCatalogue(60)));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private CrawlPlan Plan() => new CrawlPlanner(Registry, CrawlerConfig.Empty).Plan("links",
        [new("startUrls", _server.BaseUrl.AbsoluteUri), new("delay", "0"), new("perHost", "4")]);

    [Fact]
    public async Task Pair_keys_lost_for_good_fail_the_crawl_and_every_acknowledged_pair_is_written()
    {
        var sink = new RecordingSink();

        var result = await TestCrawl.RunAsync(Plan(), [sink], host => host.AddPairKeys(new PairKeysLostAfter(5)));

        Assert.Equal(CrawlOutcome.Failed, result.Outcome);
        Assert.Equal(FinishReasons.StateUnavailable, result.FinishReason);
        Assert.Equal(PairKeysLostAfter.Message, result.FailureMessage);
        Assert.Equal(5, sink.Pairs.Count);
        Assert.True(sink.Disposed);
    }

    [Fact]
    public async Task A_frontier_lost_for_good_fails_the_crawl_instead_of_crashing_it()
    {
        var sink = new RecordingSink();

        var result = await TestCrawl.RunAsync(Plan(), [sink], host => host.AddFrontier(new FrontierLostAfter(10)));

        Assert.Equal(CrawlOutcome.Failed, result.Outcome);
        Assert.Equal(FinishReasons.StateUnavailable, result.FinishReason);
        Assert.Equal(FrontierLostAfter.Message, result.FailureMessage);
        Assert.True(sink.Disposed);
    }

    private sealed class PairKeysLostAfter(int keys) : IPairKeyStore
    {
        public const string Message = "the pair keys' server is gone";

        private readonly InMemoryPairKeyStore _inner = new();
        private int _claimed;

        public ValueTask<bool> TryAddAsync(PairKey key, CancellationToken cancellationToken = default) =>
            Interlocked.Increment(ref _claimed) > keys ? throw new CrawlStateUnavailableException(Message) : _inner.TryAddAsync(key, cancellationToken);
    }

    private sealed class FrontierLostAfter(int dequeues) : IFrontier
    {
        public const string Message = "the frontier's server is gone";

        private readonly InMemoryFrontier _inner = new();
        private int _dequeued;

        public ValueTask<bool> EnqueueAsync(Request request, CancellationToken cancellationToken = default) => _inner.EnqueueAsync(request, cancellationToken);

        public ValueTask<Request?> DequeueAsync(CancellationToken cancellationToken = default) =>
            Interlocked.Increment(ref _dequeued) > dequeues ? throw new CrawlStateUnavailableException(Message) : _inner.DequeueAsync(cancellationToken);

        public ValueTask CompleteAsync(Request request, CancellationToken cancellationToken = default) => _inner.CompleteAsync(request, cancellationToken);

        public ValueTask<long> CountAsync(CancellationToken cancellationToken = default) => _inner.CountAsync(cancellationToken);

        public ValueTask DisposeAsync() => _inner.DisposeAsync();
    }
}
