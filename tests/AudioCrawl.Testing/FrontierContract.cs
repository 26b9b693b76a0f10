using Crawler.Abstractions.Http;
using Crawler.Abstractions.Scheduling;
using Xunit;

namespace AudioCrawl.Testing;

/// <summary>
/// The behaviour every <see cref="IFrontier"/> must have. A test class per implementation derives from this and
/// says how to make a fresh, empty frontier; xUnit runs every fact below against it.
/// </summary>
public abstract class FrontierContract
{
    protected abstract Task<IFrontier> CreateAsync();

    private static Request Get(string url, int priority = 0) => new(new Uri(url)) { Priority = priority };

    [Fact]
    public async Task An_empty_frontier_has_nothing_to_hand_out()
    {
        await using var frontier = await CreateAsync();
        Assert.Null(await frontier.DequeueAsync());
        Assert.Equal(0, await frontier.CountAsync());
    }

    [Fact]
    public async Task Hands_out_higher_priority_first_and_equal_priorities_in_order()
    {
        await using var frontier = await CreateAsync();
        await frontier.EnqueueAsync(Get("http://a.test/1"));
        await frontier.EnqueueAsync(Get("http://a.test/2"));
        await frontier.EnqueueAsync(Get("http://a.test/urgent", priority: 5));
        await frontier.EnqueueAsync(Get("http://a.test/3"));
        await frontier.EnqueueAsync(Get("http://a.test/later", priority: -1));

        var order = new List<string>();
        while (await frontier.DequeueAsync() is { } request)
            order.Add(request.Url.AbsolutePath);
        Assert.Equal(["/urgent", "/1", "/2", "/3", "/later"], order);
    }

    [Fact]
    public async Task Drops_a_request_whose_fingerprint_was_seen_even_after_it_was_handed_out()
    {
        await using var frontier = await CreateAsync();
        Assert.True(await frontier.EnqueueAsync(Get("http://a.test/page?b=2&a=1#top")));
        var first = await frontier.DequeueAsync();
        await frontier.CompleteAsync(first!);
        Assert.False(await frontier.EnqueueAsync(Get("HTTP://A.TEST:80/page?a=1&b=2")));
        Assert.Null(await frontier.DequeueAsync());
    }

    [Fact]
    public async Task Schedules_a_seen_request_again_when_it_says_dont_filter()
    {
        await using var frontier = await CreateAsync();
        Assert.True(await frontier.EnqueueAsync(Get("http://a.test/retry")));
        Assert.True(await frontier.EnqueueAsync(Get("http://a.test/retry") with { DontFilter = true }));
        Assert.Equal(2, await frontier.CountAsync());
    }

    [Fact]
    public async Task Different_methods_or_bodies_are_different_requests()
    {
        await using var frontier = await CreateAsync();
        Assert.True(await frontier.EnqueueAsync(Get("http://a.test/api")));
        Assert.True(await frontier.EnqueueAsync(Get("http://a.test/api") with { Method = "POST", Body = "{\"q\":1}"u8.ToArray() }));
        Assert.True(await frontier.EnqueueAsync(Get("http://a.test/api") with { Method = "POST", Body = "{\"q\":2}"u8.ToArray() }));
        Assert.False(await frontier.EnqueueAsync(Get("http://a.test/api") with { Method = "POST", Body = "{\"q\":2}"u8.ToArray() }));
    }

    [Fact]
    public async Task Keeps_everything_a_request_carries()
    {
        await using var frontier = await CreateAsync();
        var original = new Request(new Uri("http://a.test/entry?x=1"), "ParseEntry")
        {
            Method = "POST",
            Headers = new Dictionary<string, string> { ["X-Test"] = "yes" },
            Body = [1, 2, 3],
            Priority = 3,
            Depth = 4,
            Fetcher = FetcherKind.Browser,
            HandleStatuses = [404],
            IsListing = true,
            LastModified = new DateTimeOffset(2025, 11, 3, 9, 30, 0, TimeSpan.FromHours(2)),
        }.WithData(new { word = "naïve", index = 7 });
        await frontier.EnqueueAsync(original);
        var back = await frontier.DequeueAsync();

        Assert.NotNull(back);
        Assert.Equal(original.Url, back.Url);
        Assert.Equal("ParseEntry", back.Callback);
        Assert.Equal("POST", back.Method);
        Assert.Equal("yes", back.Headers["X-Test"]);
        Assert.Equal([1, 2, 3], back.Body);
        Assert.Equal(3, back.Priority);
        Assert.Equal(4, back.Depth);
        Assert.Equal(FetcherKind.Browser, back.Fetcher);
        Assert.Equal([404], back.HandleStatuses);
        Assert.Equal(original.LastModified, back.LastModified);
        Assert.True(back.IsListing);
        Assert.Equal("naïve", back.Data!.Value.GetProperty("word").GetString());
    }

    [Fact]
    public async Task Counts_pending_requests()
    {
        await using var frontier = await CreateAsync();
        for (var i = 0; i < 25; i++)
            await frontier.EnqueueAsync(Get($"http://a.test/{i}"));
        await frontier.DequeueAsync();
        Assert.Equal(24, await frontier.CountAsync());
    }

    [Fact]
    public async Task Survives_many_concurrent_producers_and_consumers_without_losing_or_repeating()
    {
        await using var frontier = await CreateAsync();
        const int producers = 4, perProducer = 250;
        var produce = Enumerable.Range(0, producers).Select(p => Task.Run(async () =>
        {
            for (var i = 0; i < perProducer; i++)
            {
                await frontier.EnqueueAsync(Get($"http://a.test/{i}"));
                await frontier.EnqueueAsync(Get($"http://a.test/p{p}/{i}"));
            }
        }));
        await Task.WhenAll(produce);
        var taken = new System.Collections.Concurrent.ConcurrentBag<string>();
        var consume = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (await frontier.DequeueAsync() is { } request)
            {
                taken.Add(request.Url.AbsolutePath);
                await frontier.CompleteAsync(request);
            }
        }));
        await Task.WhenAll(consume);
        Assert.Equal(perProducer + producers * perProducer, taken.Count);
        Assert.Equal(taken.Count, taken.Distinct().Count());
    }
}
