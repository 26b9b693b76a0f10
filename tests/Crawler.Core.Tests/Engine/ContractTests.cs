using AudioCrawl.Testing;
using Crawler.Core.Configuration;
using Crawler.Core.Engine;
using Crawler.Core.Spiders;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Crawler.Core.Tests.Engine;

public sealed class ContractTests : IAsyncLifetime
{
    private static readonly SpiderRegistry Registry = new([typeof(ContractSpider).Assembly]);
    private readonly CapturedLogs _logs = new();
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private enum Item
    {
        WithAudio,
        CountedNoAudio,
        Empty,
    }

    /// <summary>Serves a hub linking to one item page per entry, in order.</summary>
    private Uri Site(params Item[] items)
    {
        var links = new List<string>();
        for (var i = 0; i < items.Length; i++)
        {
            var body = items[i] switch
            {
                Item.WithAudio => $"<h1>item {i}</h1><audio src=\"/audio/{i}.mp3\"></audio>",
                Item.CountedNoAudio => $"<h1>item {i}</h1><p>no audio here</p>",
                _ => $"<h1>item {i}</h1><p>markup changed</p>",
            };
            _server.Page($"/item/{i}", $"<html><body>{body}</body></html>");
            links.Add($"<a href=\"/item/{i}\">{i}</a>");
        }
        _server.Page("/hub", $"<html><body>{string.Concat(links)}</body></html>");
        return _server.Url("/hub");
    }

    private async Task<CrawlResult> CrawlAsync(Uri start, params (string Key, string Value)[] settings)
    {
        var overrides = new List<KeyValuePair<string, string>> { new("startUrls", start.AbsoluteUri), new("delay", "0"), new("perHost", "8") };
        overrides.AddRange(settings.Select(s => new KeyValuePair<string, string>(s.Key, s.Value)));
        var plan = new CrawlPlanner(Registry, CrawlerConfig.Empty).Plan("contracts", overrides);
        return await TestCrawl.RunAsync(plan, [new RecordingSink()], loggers: _logs);
    }

    private IEnumerable<string> ContractWarnings => _logs.Entries.Where(e => e.Level == LogLevel.Warning && e.Message.Contains("contract", StringComparison.Ordinal)).Select(e => e.Message);

    [Fact]
    public async Task Counts_the_pages_that_yield_less_than_their_callback_declares()
    {
        var start = Site(Item.WithAudio, Item.Empty, Item.WithAudio, Item.WithAudio, Item.Empty, Item.WithAudio, Item.WithAudio, Item.Empty, Item.WithAudio, Item.WithAudio);

        var result = await CrawlAsync(start, ("concurrency", "1"));

        Assert.Equal(CrawlOutcome.Finished, result.Outcome);
        Assert.Null(result.FoundNothing);
        Assert.Equal(3, result.Stats.Counters["contract/contracts/ParseItem"]);
        Assert.Equal(10, result.Stats.Counters["contract/contracts/ParseItem/pages"]);
        Assert.Equal(1, result.Stats.Counters["contract/contracts/Parse/pages"]);
        Assert.False(result.Stats.Counters.ContainsKey("contract/contracts/Parse"));
        var report = Assert.Single(result.Contracts, c => c.Callback == "ParseItem");
        Assert.Equal(3, report.Failures);
        Assert.Equal(["/item/1", "/item/4", "/item/7"], report.Examples.Select(u => new Uri(u).AbsolutePath));
        Assert.Empty(ContractWarnings);
    }

    [Fact]
    public async Task A_counted_reason_meets_the_contract_only_for_the_page_that_counted_it()
    {
        // Counting and empty pages run side by side: an empty page must not borrow another page's count.
        var items = Enumerable.Range(0, 40).Select(i => i % 2 == 0 ? Item.CountedNoAudio : Item.Empty).Append(Item.WithAudio).ToArray();
        var start = Site(items);

        var result = await CrawlAsync(start, ("concurrency", "8"), ("allowEmpty", "true"));

        Assert.Equal(20, result.Stats.Counters[ContractSpider.NoAudio]);
        Assert.Equal(20, result.Stats.Counters["contract/contracts/ParseItem"]);
        Assert.Equal(20, result.Stats.Counters["contract/contracts/ParseItem/excused"]);
        Assert.Equal(41, result.Stats.Counters["contract/contracts/ParseItem/pages"]);
    }

    [Fact]
    public async Task Warns_once_naming_the_callback_with_three_example_urls_when_pages_in_a_row_come_up_empty()
    {
        var start = Site([.. Enumerable.Repeat(Item.WithAudio, 4), .. Enumerable.Repeat(Item.Empty, 6), .. Enumerable.Repeat(Item.WithAudio, 7)]);

        var result = await CrawlAsync(start, ("concurrency", "1"));

        var warning = Assert.Single(ContractWarnings);
        Assert.Contains("ParseItem", warning, StringComparison.Ordinal);
        Assert.Contains("5 in a row", warning, StringComparison.Ordinal);
        Assert.Contains("The site looks changed", warning, StringComparison.Ordinal);
        foreach (var i in new[] { 4, 5, 6 })
            Assert.Contains(_server.Url($"/item/{i}").AbsoluteUri, warning, StringComparison.Ordinal);
        Assert.DoesNotContain(_server.Url("/item/7").AbsoluteUri, warning, StringComparison.Ordinal);
        // 6 of 17 pages failed: a warning, but not most of the pages, so the crawl still counts as finished.
        Assert.Equal(CrawlOutcome.Finished, result.Outcome);
    }

    [Fact]
    public async Task Ends_empty_when_a_callback_fails_its_contract_on_most_of_its_pages()
    {
        var start = Site(Item.WithAudio, Item.Empty, Item.Empty, Item.WithAudio, Item.Empty, Item.Empty, Item.Empty, Item.WithAudio);

        var result = await CrawlAsync(start);

        Assert.Equal(CrawlOutcome.Empty, result.Outcome);
        Assert.Equal(FinishReasons.Finished, result.FinishReason);
        var nothing = Assert.IsType<FoundNothing>(result.FoundNothing);
        Assert.False(nothing.NoPairs);
        Assert.Equal("ParseItem", Assert.Single(nothing.FailedContracts).Callback);
        Assert.Contains("ParseItem yielded nothing on 5 of 8 pages", nothing.Message, StringComparison.Ordinal);
        Assert.Single(ContractWarnings);
    }

    [Fact]
    public async Task Ends_empty_when_pages_were_fetched_but_no_pair_came_of_them()
    {
        var start = Site(Item.Empty, Item.Empty);

        var result = await CrawlAsync(start);

        Assert.Equal(CrawlOutcome.Empty, result.Outcome);
        var nothing = Assert.IsType<FoundNothing>(result.FoundNothing);
        Assert.True(nothing.NoPairs);
        Assert.Equal(3, nothing.PagesFetched);
        Assert.Empty(nothing.FailedContracts); // two pages are too few to judge the contract
        Assert.Empty(ContractWarnings);
    }

    [Fact]
    public async Task Pages_whose_every_item_counted_a_reason_are_not_a_failed_contract()
    {
        var start = Site([.. Enumerable.Repeat(Item.CountedNoAudio, 8), Item.WithAudio]);

        var result = await CrawlAsync(start);

        Assert.Equal(CrawlOutcome.Finished, result.Outcome);
        var report = result.Contracts.Single(c => c.Callback == "ParseItem");
        Assert.Equal(0, report.Failures);
        Assert.Equal(8, report.Excused);
        Assert.Empty(ContractWarnings);
    }

    [Fact]
    public async Task A_callback_that_only_ever_counts_a_reason_is_reported_as_broken()
    {
        // Every entry "has no audio": the markup that held it is gone, not the audio.
        var start = Site([.. Enumerable.Repeat(Item.CountedNoAudio, 7)]);

        var result = await CrawlAsync(start, ("concurrency", "1"));

        Assert.Equal(CrawlOutcome.Empty, result.Outcome);
        var broken = Assert.Single(result.FoundNothing!.FailedContracts);
        Assert.Equal("ParseItem", broken.Callback);
        Assert.Equal(7, broken.Excused);
        var warning = Assert.Single(ContractWarnings);
        Assert.Contains("ParseItem yielded what its contract declares on none of its 7 pages", warning, StringComparison.Ordinal);
        Assert.Contains(_server.Url("/item/0").AbsoluteUri, warning, StringComparison.Ordinal);
        Assert.Contains(ContractSpider.NoAudio, warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Allow_empty_keeps_a_crawl_that_found_nothing_finished_and_still_reports_it()
    {
        var start = Site(Enumerable.Repeat(Item.Empty, 6).ToArray());

        var result = await CrawlAsync(start, ("allowEmpty", "true"));

        Assert.Equal(CrawlOutcome.Finished, result.Outcome);
        var nothing = Assert.IsType<FoundNothing>(result.FoundNothing);
        Assert.True(nothing.NoPairs);
        Assert.Equal("ParseItem", Assert.Single(nothing.FailedContracts).Callback);
        Assert.Single(ContractWarnings);
    }

    [Fact]
    public async Task A_crawl_stopped_early_is_judged_by_its_contracts_only()
    {
        var start = Site(Enumerable.Repeat(Item.Empty, 10).ToArray());

        var stoppedSoon = await CrawlAsync(start, ("maxRequests", "3"), ("concurrency", "1"));
        var stoppedLater = await CrawlAsync(start, ("maxRequests", "8"), ("concurrency", "1"));

        Assert.Equal(CrawlOutcome.Stopped, stoppedSoon.Outcome);
        Assert.Null(stoppedSoon.FoundNothing);
        Assert.Equal(CrawlOutcome.Empty, stoppedLater.Outcome);
        Assert.Equal(FinishReasons.MaxRequests, stoppedLater.FinishReason);
        Assert.False(stoppedLater.FoundNothing!.NoPairs);
    }

    [Fact]
    public async Task The_warning_threshold_is_the_contractWarnAfter_setting()
    {
        var start = Site([Item.Empty, Item.Empty, Item.WithAudio, Item.WithAudio, Item.WithAudio, Item.WithAudio, Item.WithAudio]);

        var result = await CrawlAsync(start, ("concurrency", "1"), ("contractWarnAfter", "2"));

        Assert.Contains("2 in a row", Assert.Single(ContractWarnings), StringComparison.Ordinal);
        Assert.Equal(CrawlOutcome.Finished, result.Outcome);
    }
}
