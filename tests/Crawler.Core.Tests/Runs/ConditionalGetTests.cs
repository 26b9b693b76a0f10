using Crawler.Abstractions.Http;
using Crawler.Core.Runs;
using Crawler.Core.Scheduling;
using Xunit;

namespace Crawler.Core.Tests.Runs;

public sealed class ConditionalGetTests : SpiderStateTest
{
    private static Request Feed(bool revalidate = true) => new(new Uri("http://127.0.0.1/feed.xml")) { Depth = 1, Revalidate = revalidate };

    /// <summary>Answers like a server with validators: the headers it was sent are kept for the test to read.</summary>
    private sealed class ValidatingServer : IFetcher
    {
        public List<IReadOnlyDictionary<string, string>> Sent { get; } = [];

        public ValueTask<Response> FetchAsync(Request request, CancellationToken cancellationToken = default)
        {
            Sent.Add(request.Headers);
            var unchanged = request.Headers.TryGetValue("If-None-Match", out var tag) && tag == "\"v1\"";
            var headers = new ResponseHeaders([new("ETag", ["\"v1\""]), new("Last-Modified", ["Sun, 01 Mar 2026 00:00:00 GMT"])]);
            return ValueTask.FromResult(new Response(request, request.Url, unchanged ? 304 : 200, headers, "<rss/>"u8.ToArray()));
        }
    }

    [Fact]
    public async Task Sends_the_validators_of_a_completed_request_on_the_next_run_and_counts_the_304()
    {
        var server = new ValidatingServer();
        var first = new ConditionalGet(State);
        await using (var frontier = new RecrawlFrontier(new InMemoryFrontier(), State, null, Time, first))
        {
            var response = await first.Around(server).FetchAsync(Feed());
            Assert.Equal(200, response.Status);
            await frontier.CompleteAsync(Feed());
        }
        var second = new ConditionalGet(State);

        var again = await second.Around(server).FetchAsync(Feed());

        Assert.False(server.Sent[0].ContainsKey("If-None-Match"));
        Assert.Equal("\"v1\"", server.Sent[1]["If-None-Match"]);
        Assert.Equal("Sun, 01 Mar 2026 00:00:00 GMT", server.Sent[1]["If-Modified-Since"]);
        Assert.True(again.IsNotModified);
        Assert.Equal(1, second.NotModified);
    }

    [Fact]
    public async Task Keeps_no_validators_for_a_request_that_never_completed()
    {
        var server = new ValidatingServer();
        await new ConditionalGet(State).Around(server).FetchAsync(Feed());

        await new ConditionalGet(State).Around(server).FetchAsync(Feed());

        Assert.All(server.Sent, headers => Assert.False(headers.ContainsKey("If-None-Match")));
        Assert.Null(await State.ValidatorsAsync(RequestFingerprint.Of(Feed())));
    }

    [Fact]
    public async Task Leaves_requests_that_do_not_revalidate_alone_and_lets_revalidating_ones_past_the_recrawl_policy()
    {
        var server = new ValidatingServer();
        var conditional = new ConditionalGet(State);
        await using (var earlier = new RecrawlFrontier(new InMemoryFrontier(), State, null, Time, conditional))
        {
            await conditional.Around(server).FetchAsync(Feed(revalidate: false));
            await earlier.CompleteAsync(Feed(revalidate: false));
        }
        var frontier = new RecrawlFrontier(new InMemoryFrontier(), State, null, Time, conditional);

        Assert.True(await frontier.EnqueueAsync(Feed(revalidate: true)));
        Assert.False(await new RecrawlFrontier(new InMemoryFrontier(), State, null, Time).EnqueueAsync(Feed(revalidate: false)));
        Assert.Null(await State.ValidatorsAsync(RequestFingerprint.Of(Feed())));
        await frontier.DisposeAsync();
    }
}
