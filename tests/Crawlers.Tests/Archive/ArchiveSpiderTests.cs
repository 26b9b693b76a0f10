using AudioCrawl.SampleSite.Archive;
using AudioCrawl.Testing;
using Crawler.Core.Configuration;
using Crawler.Core.Engine;
using Crawlers.Archive;
using Xunit;

namespace Crawlers.Tests.Archive;

public sealed class ArchiveSpiderTests
{
    private readonly ArchiveSite _site = new();

    private static (string, string)[] Archive(LoopbackServer server, params (string, string)[] settings) =>
        [("baseUrl", server.BaseUrl.AbsoluteUri), ("perHost", "8"), .. settings];

    [Fact]
    public async Task Pages_a_collection_through_every_scrape_cursor_and_keeps_only_the_64kbps_derivative_of_each_chapter()
    {
        await using var server = await LoopbackServer.StartAsync(_site);

        var crawl = await SpiderCrawl.RunAsync("archive", Archive(server, ("collections", "librivoxaudio"), ("pageSize", "100")));

        Assert.Equal(CrawlOutcome.Finished, crawl.Result.Outcome);
        var expected = _site.ExpectedPairs(server.BaseUrl);
        Assert.Equal(410, expected.Count);
        Assert.Equal(expected.ToHashSet(), crawl.UrlsAndTexts.ToHashSet());
        Assert.Equal(expected.Count, crawl.Pairs.Count);
        Assert.Equal(3, crawl.Counter("archive/listing_pages"));
        Assert.Equal(2, server.Log.Count(r => r.PathAndQuery.StartsWith("/services/search/v1/scrape", StringComparison.Ordinal) && r.PathAndQuery.Contains("&cursor=", StringComparison.Ordinal)));
        Assert.All(crawl.Pairs, p => Assert.EndsWith("_64kb.mp3", p.Url.AbsolutePath, StringComparison.Ordinal));
        var first = crawl.Pairs.Single(p => p.Url.AbsolutePath == "/download/book_001_librivox/book_001_librivox_01_64kb.mp3");
        Assert.Equal("Collected Tales, Volume 1 — Chapter 01: The Pool of Tears", first.Text);
        var data = first.OriginalData!;
        Assert.Equal(ArchiveSite.PublicDomainMark, (string?)data["license"]);
        Assert.Equal("Author 1", (string?)data["author"]);
        Assert.Equal("book_001_librivox/book_001_librivox_01_64kb.mp3", (string?)data["id"]);
        Assert.Equal(612, (int?)data["duration_seconds"]);
        Assert.Equal("librivoxaudio; audio_bookspoetry", (string?)data["collection"]);
    }

    [Fact]
    public async Task Counts_an_unknown_item_a_malformed_metadata_answer_and_an_item_without_the_format_and_goes_on()
    {
        await using var server = await LoopbackServer.StartAsync(_site);

        var crawl = await SpiderCrawl.RunAsync("archive", Archive(server, ("identifiers", $"no_such_item,{ArchiveSite.BrokenItem},otr_night_owl_1951,book_002_librivox")));

        Assert.Equal(CrawlOutcome.Finished, crawl.Result.Outcome);
        Assert.Equal(
            new HashSet<(string, string)>
            {
                (server.Url("/download/book_002_librivox/book_002_librivox_01_64kb.mp3").AbsoluteUri, "Collected Tales, Volume 2 — Chapter 01: A Caucus-Race"),
                (server.Url("/download/book_002_librivox/book_002_librivox_02_64kb.mp3").AbsoluteUri, "Collected Tales, Volume 2 — Chapter 02: The Mock Turtle's Story"),
            },
            crawl.UrlsAndTexts.ToHashSet());
        Assert.Equal(1, crawl.Counter("archive/not_found"));
        Assert.Equal(1, crawl.Counter("archive/malformed"));
        Assert.Equal(1, crawl.Counter("archive/no_files_in_format"));
        Assert.Contains(crawl.Logs.Entries, e => e.Message.Contains("otr_night_owl_1951 has no '64Kbps MP3' files (it has: Item Tile, Metadata, VBR MP3)", StringComparison.Ordinal));
        Assert.Contains(crawl.Logs.Entries, e => e.Message.Contains(ArchiveSite.BrokenItem, StringComparison.Ordinal) && e.Message.Contains("the crawl goes on", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Answers_a_429_from_the_scrape_api_with_backoff_and_lists_on()
    {
        _site.ThrottleScrapeRequests = 1;
        await using var server = await LoopbackServer.StartAsync(_site);

        var crawl = await SpiderCrawl.RunAsync("archive", Archive(server, ("queries", "Volume 7")));

        Assert.Equal(1, crawl.Counter("retry/http_429"));
        var calls = server.Log.Where(r => r.PathAndQuery.StartsWith("/services/search/v1/scrape", StringComparison.Ordinal)).Select(r => r.ReceivedAt).ToArray();
        Assert.Equal(2, calls.Length);
        Assert.True(calls[1] - calls[0] >= TimeSpan.FromSeconds(0.9), $"retried after {(calls[1] - calls[0]).TotalSeconds:0.00} s, before Retry-After: 1");
        // "Volume 7" matches volumes 7 and 70-79: 11 items of 2 chapters.
        Assert.Equal(22, crawl.Pairs.Count);
    }

    [Fact]
    public async Task Lists_librivox_audiobooks_page_by_page_with_one_pair_per_section_in_the_public_domain()
    {
        await using var server = await LoopbackServer.StartAsync(_site);

        var crawl = await SpiderCrawl.RunAsync("archive", ("listing", "librivox"), ("libriVoxBaseUrl", server.BaseUrl.AbsoluteUri), ("perHost", "8"));

        var expected = ArchiveSite.ExpectedPairs(server.BaseUrl, _site.Audiobooks);
        Assert.Equal(expected.ToHashSet(), crawl.UrlsAndTexts.ToHashSet());
        Assert.Equal(120, crawl.Pairs.Count);
        Assert.Equal(2, crawl.Counter("archive/listing_pages"));
        Assert.Contains(server.Log, r => r.PathAndQuery.Contains("offset=50", StringComparison.Ordinal));
        var data = crawl.Pairs.Single(p => p.Text == "Short Stories Collection 001 — Story 1").OriginalData!;
        Assert.Equal(ArchiveSpider.LibriVoxLicense, (string?)data["license"]);
        Assert.Equal("Ada Writer1", (string?)data["author"]);
        Assert.Equal("Volunteer Reader", (string?)data["readers"]);
        Assert.Equal("librivox:1:2", (string?)data["id"]);
    }

    [Fact]
    public async Task Searches_librivox_by_title_and_says_so_when_nothing_matches()
    {
        await using var server = await LoopbackServer.StartAsync(_site);

        var crawl = await SpiderCrawl.RunAsync("archive", ("listing", "librivox"), ("libriVoxBaseUrl", server.BaseUrl.AbsoluteUri), ("queries", "^The Owl,Zebra"));

        Assert.Equal(ArchiveSite.ExpectedPairs(server.BaseUrl, _site.Audiobooks.Where(b => b.Title.StartsWith("The Owl", StringComparison.Ordinal))).ToHashSet(), crawl.UrlsAndTexts.ToHashSet());
        Assert.Equal(12, crawl.Pairs.Count);
        Assert.Contains(crawl.Logs.Entries, e => e.Message.Contains("LibriVox title 'Zebra': LibriVox found no audiobooks (Audiobooks could not be found)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Calls_the_apis_past_a_robots_txt_that_closes_them_unless_robots_is_strict()
    {
        _site.RobotsTxt = "User-agent: *\nDisallow: /services/\nDisallow: /metadata/\n";
        await using var server = await LoopbackServer.StartAsync(_site);

        var crawl = await SpiderCrawl.RunAsync("archive", Archive(server, ("queries", "Volume 9")));
        var strict = await SpiderCrawl.RunAsync("archive", Archive(server, ("queries", "Volume 9"), ("obeyRobotsTxt", "strict")));

        Assert.Equal(22, crawl.Pairs.Count);
        Assert.Contains(crawl.Logs.Entries, e => e.Message.Contains($"{server.BaseUrl.Authority}: documented API calls", StringComparison.Ordinal));
        Assert.Empty(strict.Pairs);
        Assert.Equal(1, strict.Result.Stats.RequestsDroppedByReason["robots"]);
    }

    [Theory]
    [InlineData("pageSize", "50", "pageSize must be between 100 and 10000")]
    [InlineData("listing", "books", "listing must be 'archive' or 'librivox'")]
    public void Refuses_settings_the_apis_would_reject(string key, string value, string message)
    {
        var error = Assert.Throws<ConfigurationException>(() => SpiderCrawl.Plan("archive", ("collections", "librivoxaudio"), (key, value)));
        Assert.Contains(message, error.Message);
    }
}
