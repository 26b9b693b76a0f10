using AudioCrawl.SampleSite.Feeds;
using AudioCrawl.Testing;
using Crawler.Core.Engine;
using Xunit;

namespace Crawlers.Tests.Feed;

public sealed class FeedSpiderTests : IDisposable
{
    private readonly FeedSite _site = new();
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Reads_every_feed_of_an_opml_list_into_the_exact_pairs_and_counts_each_malformed_feed()
    {
        await using var server = await LoopbackServer.StartAsync(_site);

        var crawl = await SpiderCrawl.RunAsync("feed", ("opml", server.Url(FeedSite.OpmlPath).AbsoluteUri));

        Assert.Equal(CrawlOutcome.Finished, crawl.Result.Outcome);
        Assert.Equal(
            [
                (server.Url("/media/rain-on-a-tin-roof.mp3").AbsoluteUri, "Rain on a tin roof"),
                (server.Url("/media/harbour-at-night.mp3").AbsoluteUri, "The harbour at night"),
                (server.Url("/media/dawn-chorus.mp3").AbsoluteUri, "Dawn chorus in the beech wood"),
                (server.Url("/media/nightjar.wav").AbsoluteUri, "Churring nightjar"),
                (server.Url("/media/owl-duet.wav").AbsoluteUri, "Tawny owl duet"),
            ],
            crawl.UrlsAndTexts.OrderBy(p => p.Url.Contains(".wav", StringComparison.Ordinal)).ToArray());
        Assert.Equal(_site.ExpectedPairs(server.BaseUrl).ToHashSet(), crawl.UrlsAndTexts.ToHashSet());
        Assert.Equal(3, crawl.Counter("feed/malformed"));
        Assert.Equal(2, crawl.Counter("feed/feeds"));
        Assert.Equal(1, crawl.Counter("feed/not_audio"));
        Assert.Equal(1, crawl.Counter("feed/no_enclosure"));
        foreach (var path in new[] { FeedSite.BrokenPath, FeedSite.HostilePath, FeedSite.NotAFeedPath })
            Assert.Contains(crawl.Logs.Entries, e => e.Message.Contains(server.Url(path).AbsoluteUri, StringComparison.Ordinal) && e.Message.Contains("the crawl goes on", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Keeps_licence_author_duration_and_podcast_transcripts_in_original_data()
    {
        await using var server = await LoopbackServer.StartAsync(_site);

        var crawl = await SpiderCrawl.RunAsync("feed", ("feeds", $"{FeedSite.RssPath},{FeedSite.AtomPath}"), ("baseUrl", server.BaseUrl.AbsoluteUri));

        var dawn = crawl.Pairs.Single(p => p.Text == "Dawn chorus in the beech wood").OriginalData!;
        Assert.Equal(FeedSite.License, (string?)dawn["license"]);
        Assert.Equal("Field Notes Audio", (string?)dawn["author"]);
        Assert.Equal("field-notes-dawn-chorus", (string?)dawn["id"]);
        Assert.Equal(1834, (int?)dawn["duration_seconds"]);
        Assert.Equal("Blackbirds, robins & wrens before sunrise.", (string?)dawn["summary"]);
        Assert.Equal("audio/mpeg", (string?)dawn["mime"]);
        var transcripts = dawn["transcripts"]!.AsArray();
        Assert.Equal(server.Url("/transcripts/dawn-chorus.vtt").AbsoluteUri, (string?)transcripts[0]!["url"]);
        Assert.Equal("text/vtt", (string?)transcripts[0]!["type"]);
        Assert.Equal("en", (string?)transcripts[0]!["language"]);
        Assert.Equal("captions", (string?)transcripts[1]!["rel"]);
        var owl = crawl.Pairs.Single(p => p.Text == "Tawny owl duet").OriginalData!;
        Assert.Equal("CC BY-NC 4.0", (string?)owl["license"]);
        Assert.Equal("Ada Nightingale", (string?)owl["author"]);
        Assert.Equal("atom", (string?)owl["feed_format"]);
        Assert.Equal(64, (int?)owl["duration_seconds"]);
        Assert.All(crawl.Pairs, p => Assert.Equal(["podcast"], p.Tags));
    }

    [Fact]
    public async Task Refuses_a_feed_that_declares_a_dtd_without_expanding_its_entities()
    {
        await using var server = await LoopbackServer.StartAsync(_site);

        var crawl = await SpiderCrawl.RunAsync("feed", ("feeds", server.Url(FeedSite.HostilePath).AbsoluteUri));

        Assert.Empty(crawl.Pairs);
        Assert.Equal(1, crawl.Counter("feed/malformed"));
        var error = Assert.Single(crawl.Logs.Entries, e => e.Message.Contains(FeedSite.HostilePath, StringComparison.Ordinal));
        Assert.Contains("DTD", error.Message);
        Assert.DoesNotContain("lollol", crawl.Logs.Text);
    }

    [Fact]
    public async Task Answers_a_429_with_backoff_and_then_reads_the_feed()
    {
        _site.ThrottleFeedRequests = 1;
        await using var server = await LoopbackServer.StartAsync(_site);

        var crawl = await SpiderCrawl.RunAsync("feed", ("feeds", server.Url(FeedSite.RssPath).AbsoluteUri));

        Assert.Equal(3, crawl.Pairs.Count);
        Assert.Equal(2, server.Hits(FeedSite.RssPath));
        Assert.Equal(1, crawl.Counter("retry/http_429"));
        var log = server.Log.Where(r => r.PathAndQuery == FeedSite.RssPath).Select(r => r.ReceivedAt).ToArray();
        Assert.True(log[1] - log[0] >= TimeSpan.FromSeconds(0.9), $"retried after {(log[1] - log[0]).TotalSeconds:0.00} s, before Retry-After: 1");
    }

    [Fact]
    public async Task Reads_the_feeds_of_a_local_opml_file_and_limits_episodes_per_feed()
    {
        await using var server = await LoopbackServer.StartAsync(_site);
        var opml = _temp.File("subscriptions.opml");
        await File.WriteAllTextAsync(opml, $"""
            <?xml version="1.0"?>
            <opml version="1.0"><head/><body>
              <outline text="Field Notes" type="rss" xmlUrl="{server.Url(FeedSite.RssPath)}"/>
              <outline text="Night" type="rss" xmlUrl="{FeedSite.AtomPath}"/>
            </body></opml>
            """);

        var crawl = await SpiderCrawl.RunAsync("feed", ("opml", opml), ("baseUrl", server.BaseUrl.AbsoluteUri), ("maxEpisodesPerFeed", "1"), ("textTemplate", "{feed}: {title}"));

        Assert.Equal(
            new HashSet<(string, string)>
            {
                (server.Url("/media/rain-on-a-tin-roof.mp3").AbsoluteUri, "Field Notes: Rain on a tin roof"),
                (server.Url("/media/nightjar.wav").AbsoluteUri, "Night Sounds: Churring nightjar"),
            },
            crawl.UrlsAndTexts.ToHashSet());
        Assert.Equal(0, server.Hits(FeedSite.OpmlPath));
    }

    [Theory]
    [InlineData("01:02:03", 3723)]
    [InlineData("45:10", 2710)]
    [InlineData("1834", 1834)]
    [InlineData("12.6", 13)]
    [InlineData("about an hour", null)]
    [InlineData("", null)]
    public void Reads_itunes_duration_in_each_of_its_forms(string text, int? seconds) =>
        Assert.Equal(seconds, ClockDuration.ParseSeconds(text));

    [Fact]
    public void Refuses_to_start_without_feeds_or_opml()
    {
        var error = Assert.Throws<Crawler.Core.Configuration.ConfigurationException>(() => SpiderCrawl.Plan("feed"));
        Assert.Contains("opml", error.Message);
    }
}
