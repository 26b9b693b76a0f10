using Crawler.Abstractions.Http;
using Crawler.Core.Runs;
using Crawler.Core.Scheduling;
using Xunit;

namespace Crawler.Core.Tests.Runs;

public sealed class RecrawlFrontierTests : SpiderStateTest
{
    private static Request Page(string path, int depth = 1) => new(new Uri("http://127.0.0.1/" + path)) { Depth = depth };

    private async Task FetchInEarlierRunAsync(Request request)
    {
        await using var earlier = new RecrawlFrontier(new InMemoryFrontier(), State, null, Time);
        Assert.True(await earlier.EnqueueAsync(request));
        var dequeued = await earlier.DequeueAsync();
        await earlier.CompleteAsync(dequeued!);
    }

    [Fact]
    public async Task A_page_fetched_by_an_earlier_run_is_not_fetched_again_under_the_never_policy()
    {
        await FetchInEarlierRunAsync(Page("entry/1"));
        Time.Advance(TimeSpan.FromDays(365));
        var frontier = new RecrawlFrontier(new InMemoryFrontier(), State, null, Time);

        Assert.False(await frontier.EnqueueAsync(Page("entry/1")));
        Assert.True(await frontier.EnqueueAsync(Page("entry/2")));
        Assert.Equal(1, frontier.Skipped);
    }

    [Fact]
    public async Task A_page_is_fetched_again_once_its_last_fetch_is_older_than_the_recrawl_age()
    {
        await FetchInEarlierRunAsync(Page("entry/1"));
        var weekly = TimeSpan.FromDays(7);

        Time.Advance(TimeSpan.FromDays(6));
        var tooSoon = await new RecrawlFrontier(new InMemoryFrontier(), State, weekly, Time).EnqueueAsync(Page("entry/1"));
        Time.Advance(TimeSpan.FromDays(2));
        var stale = await new RecrawlFrontier(new InMemoryFrontier(), State, weekly, Time).EnqueueAsync(Page("entry/1"));

        Assert.False(tooSoon);
        Assert.True(stale);
    }

    [Fact]
    public async Task Start_pages_are_always_fetched_so_new_entries_are_found()
    {
        await FetchInEarlierRunAsync(Page("index", depth: 0));
        var frontier = new RecrawlFrontier(new InMemoryFrontier(), State, null, Time);

        Assert.True(await frontier.EnqueueAsync(Page("index", depth: 0)));
    }

    [Fact]
    public async Task Completing_a_request_records_when_it_was_fetched()
    {
        var fetchedAt = Time.GetUtcNow();

        await FetchInEarlierRunAsync(Page("entry/9"));

        Assert.Equal(fetchedAt, await State.LastFetchedAsync(RequestFingerprint.Of(Page("entry/9"))));
    }

    [Fact]
    public async Task A_page_whose_lastmod_is_not_after_its_last_fetch_is_skipped_even_when_the_recrawl_age_has_passed()
    {
        var fetchedAt = Time.GetUtcNow();
        await FetchInEarlierRunAsync(Page("entry/1"));
        await FetchInEarlierRunAsync(Page("entry/2"));
        Time.Advance(TimeSpan.FromDays(30));
        var frontier = new RecrawlFrontier(new InMemoryFrontier(), State, TimeSpan.FromDays(7), Time);

        Assert.False(await frontier.EnqueueAsync(Page("entry/1") with { LastModified = fetchedAt - TimeSpan.FromDays(3) }));
        Assert.False(await frontier.EnqueueAsync(Page("entry/2") with { LastModified = fetchedAt }));
        Assert.Equal(2, frontier.SkippedUnchanged);
    }

    [Fact]
    public async Task A_page_whose_lastmod_is_after_its_last_fetch_is_fetched_again_even_under_the_never_policy()
    {
        var fetchedAt = Time.GetUtcNow();
        await FetchInEarlierRunAsync(Page("entry/1"));
        Time.Advance(TimeSpan.FromHours(1));
        var frontier = new RecrawlFrontier(new InMemoryFrontier(), State, null, Time);

        Assert.True(await frontier.EnqueueAsync(Page("entry/1") with { LastModified = fetchedAt + TimeSpan.FromMinutes(30) }));
        Assert.Equal(0, frontier.Skipped);
    }

    [Fact]
    public async Task A_page_never_fetched_is_fetched_whatever_its_lastmod()
    {
        var frontier = new RecrawlFrontier(new InMemoryFrontier(), State, null, Time);

        Assert.True(await frontier.EnqueueAsync(Page("entry/new") with { LastModified = Time.GetUtcNow() - TimeSpan.FromDays(900) }));
    }
}
