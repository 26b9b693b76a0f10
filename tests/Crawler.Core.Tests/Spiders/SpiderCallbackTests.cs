using System.Runtime.CompilerServices;
using AudioCrawl.SampleSite.Sounds;
using AudioCrawl.Testing;
using Crawler.Abstractions.Http;
using Crawler.Abstractions.Spiders;
using Crawler.Core.Configuration;
using Crawler.Core.Engine;
using Crawler.Core.Spiders;
using Xunit;

namespace Crawler.Core.Tests.Spiders;

public sealed record MistypedSettings
{
    public Uri? BaseUrl { get; init; }
}

/// <summary>A start request naming a callback the spider does not have (a typo a string cannot catch).</summary>
[Spider("mistyped", "Asks for the callback 'Prase'.")]
public sealed class MistypedSpider : Spider<MistypedSettings>
{
    public override async IAsyncEnumerable<Request> StartRequestsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        yield return new Request(Settings.BaseUrl!, "Prase");
        await Task.CompletedTask;
    }

    public IEnumerable<SpiderOutput> Parse(Response response) => [];

    public IAsyncEnumerable<SpiderOutput> ParseWithoutToken(Response response) => AsyncEnumerable.Empty<SpiderOutput>();

    public IEnumerable<SpiderOutput> FollowWith(Response response, Func<Response, IEnumerable<SpiderOutput>> callback) => [response.Follow("/next", callback)!];
}

public sealed class SpiderCallbackTests
{
    private static readonly SpiderRegistry Registry = new([typeof(MistypedSpider).Assembly]);

    [Fact]
    public async Task A_callback_name_the_spider_does_not_have_fails_the_crawl_before_any_request()
    {
        await using var server = await LoopbackServer.StartAsync(new SoundLibrarySite(new SoundCatalogue(5)));
        var plan = new CrawlPlanner(Registry, CrawlerConfig.Empty).Plan("mistyped", [new("baseUrl", server.BaseUrl.AbsoluteUri), new("delay", "0")]);
        var sink = new CollectingSink();

        var result = await TestCrawl.RunAsync(plan, [sink]);

        Assert.Equal(CrawlOutcome.Failed, result.Outcome);
        Assert.Equal(FinishReasons.UnknownCallback, result.FinishReason);
        Assert.Contains("no callback named 'Prase'", result.FailureMessage);
        Assert.Contains("Parse, ParseWithoutToken", result.FailureMessage);
        Assert.Equal(0, server.TotalHits);
    }

    [Fact]
    public void Every_callback_shape_is_found_by_name()
    {
        var table = CallbackTable.For(new MistypedSpider());

        Assert.Equal(["Parse", "ParseWithoutToken"], table.Names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_method_group_follow_stores_the_method_name_and_a_lambda_is_refused()
    {
        var spider = new MistypedSpider();
        var page = new Response(new Request(new Uri("http://a.test/list")), new Uri("http://a.test/list"), 200, new ResponseHeaders([]), ReadOnlyMemory<byte>.Empty);

        var byName = spider.FollowWith(page, spider.Parse).OfType<Request>().Single();
        var lambda = Assert.Throws<ArgumentException>(() => page.Follow("/x", r => Array.Empty<SpiderOutput>()));

        Assert.Equal("Parse", byName.Callback);
        Assert.Equal(new Uri("http://a.test/next"), byName.Url);
        Assert.Equal(1, byName.Depth);
        Assert.Contains("not a lambda", lambda.Message);
    }
}
