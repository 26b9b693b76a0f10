using AudioCrawl.SampleSite.Commons;
using AudioCrawl.Testing;
using Crawler.Core.Politeness;
using Xunit;

namespace Crawlers.Tests.Commons;

public sealed class CommonsSpiderTests : IAsyncLifetime
{
    private readonly CommonsApiSite _site = new() { LagRetryAfterSeconds = 1 };
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync(_site);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Task<SourceCrawl> CrawlAsync(params (string Key, string Value)[] settings) =>
        SourceCrawl.RunAsync("commons", [("baseUrl", _server.BaseUrl.AbsoluteUri), .. settings]);

    private string Audio(string title) => CommonsApiSite.FileUrl(_server.BaseUrl, _site.Catalogue.Files.Single(f => f.Title == title)).AbsoluteUri;

    private int ApiCalls => _server.Log.Count(r => r.PathAndQuery.StartsWith(CommonsApiSite.ApiPath, StringComparison.Ordinal));

    [Fact]
    public async Task Lists_every_batch_of_a_Lingua_Libre_category_with_the_word_as_text_and_the_licence()
    {
        using var crawl = await CrawlAsync(("categories", "Lingua Libre pronunciation-fra"), ("pageSize", "3"));

        Assert.Equal(
            [
                (Audio("File:LL-Q150 (fra)-Aliénor-bonjour.wav"), "bonjour"),
                (Audio("File:LL-Q150 (fra)-Aliénor-merci.wav"), "merci"),
                (Audio("File:LL-Q150 (fra)-Aliénor-pomme de terre.wav"), "pomme de terre"),
                (Audio("File:LL-Q150 (fra)-Lepticed7-aujourd'hui.wav"), "aujourd'hui"),
                (Audio("File:LL-Q150 (fra)-Lepticed7-oiseau.wav"), "oiseau"),
                (Audio("File:LL-Q150 (fra)-Marc-André-chat.wav"), "chat"),
                (Audio("File:LL-Q150 (fra)-Marc-André-peut-être.wav"), "peut-être"),
            ],
            crawl.UrlsAndTexts);
        Assert.Equal(3, ApiCalls);
        Assert.Equal(2, crawl.Custom("commons/continued"));
        var hyphenated = crawl.Pairs.Single(p => p.Text == "peut-être").OriginalData!;
        Assert.Equal("CC BY-SA 4.0", hyphenated["license"]!.GetValue<string>());
        Assert.Equal("https://creativecommons.org/licenses/by-sa/4.0", hyphenated["license_url"]!.GetValue<string>());
        Assert.Equal("Marc-André", hyphenated["speaker"]!.GetValue<string>());
        Assert.Equal("Marc-André", hyphenated["author"]!.GetValue<string>());
        Assert.Equal("fra", hyphenated["language"]!.GetValue<string>());
        Assert.Equal("Q150", hyphenated["language_item"]!.GetValue<string>());
        Assert.StartsWith("commons:", hyphenated["source_id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.All(crawl.Pairs, p => Assert.Equal(["pronunciation", "fra"], p.Tags));
    }

    [Fact]
    public async Task Calls_the_API_that_robots_txt_closes_as_a_documented_API_call_and_says_so_once()
    {
        using var crawl = await CrawlAsync(("categories", CommonsCatalogue.LinguaLibreFrench), ("pageSize", "3"));

        Assert.Contains("Disallow: /w/", CommonsApiSite.RobotsTxt, StringComparison.Ordinal);
        Assert.Equal(0, crawl.Result.Stats.RequestsDroppedByReason.GetValueOrDefault(RobotsTxtFetcher.DropReason));
        Assert.Single(crawl.Logs.Entries, e => e.Message.Contains("documented API calls, robots.txt for pages not applied", StringComparison.Ordinal));
        Assert.All(_site.UserAgents, ua => Assert.StartsWith("AudioCrawl/", ua, StringComparison.Ordinal));
        Assert.All(_server.Log.Where(r => r.PathAndQuery.StartsWith(CommonsApiSite.ApiPath, StringComparison.Ordinal)), r => Assert.Contains("maxlag=5", r.PathAndQuery, StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_obeyRobotsTxt_strict_the_API_calls_are_dropped_as_robots()
    {
        using var crawl = await CrawlAsync(("categories", CommonsCatalogue.LinguaLibreFrench), ("obeyRobotsTxt", "strict"));

        Assert.Empty(crawl.Pairs);
        Assert.Equal(0, ApiCalls);
        Assert.Equal(1, crawl.Result.Stats.RequestsDroppedByReason[RobotsTxtFetcher.DropReason]);
    }

    [Theory]
    [InlineData(0, new[] { "A dawn chorus recorded in a beech wood in spring." })]
    [InlineData(1, new[] { "A dawn chorus recorded in a beech wood in spring.", "Song of a Common Blackbird (Turdus merula) at dusk.", "Alarm call of a blackbird & its mate, dawn chorus in the background." })]
    [InlineData(2, new[] { "A dawn chorus recorded in a beech wood in spring.", "Song of a Common Blackbird (Turdus merula) at dusk.", "Alarm call of a blackbird & its mate, dawn chorus in the background.", "Blackbird song in a Paris courtyard." })]
    public async Task Follows_subcategories_to_the_configured_depth_and_keeps_only_audio(int depth, string[] texts)
    {
        using var crawl = await CrawlAsync(("categories", CommonsCatalogue.Birds), ("categoryDepth", depth.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(texts.Order(StringComparer.Ordinal), crawl.Pairs.Select(p => p.Text).Order(StringComparer.Ordinal));
        Assert.Equal(depth == 0 ? 2 : 3, crawl.Custom("commons/not_audio"));
    }

    [Fact]
    public async Task A_description_gives_its_plain_text_and_the_file_its_licence_and_author()
    {
        using var crawl = await CrawlAsync(("categories", CommonsCatalogue.Blackbird));

        var song = Assert.Single(crawl.Pairs, p => p.Url.AbsoluteUri == Audio("File:Turdus merula - song.mp3"));
        Assert.Equal("Song of a Common Blackbird (Turdus merula) at dusk.", song.Text);
        Assert.Equal("CC0", song.OriginalData!["license"]!.GetValue<string>());
        Assert.Equal("Jonas N", song.OriginalData["author"]!.GetValue<string>());
        Assert.Equal("description", song.OriginalData["text_source"]!.GetValue<string>());
        var call = Assert.Single(crawl.Pairs, p => p.Url.AbsoluteUri == Audio("File:Turdus merula alarm call.flac"));
        Assert.Equal("Alarm call of a blackbird & its mate, dawn chorus in the background.", call.Text);
        Assert.Equal("Public domain", call.OriginalData!["license"]!.GetValue<string>());
    }

    [Fact]
    public async Task Searches_page_through_gsroffset()
    {
        using var crawl = await CrawlAsync(("queries", "blackbird"), ("pageSize", "2"));

        Assert.Equal(
            new[] { Audio("File:Merle noir chant Paris.wav"), Audio("File:Turdus merula - song.mp3"), Audio("File:Turdus merula alarm call.flac") }.Order(StringComparer.Ordinal),
            crawl.Pairs.Select(p => p.Url.AbsoluteUri).Order(StringComparer.Ordinal));
        Assert.Contains(_server.Log, r => r.PathAndQuery.Contains("gsroffset=2", StringComparison.Ordinal));
        Assert.All(crawl.Pairs, p => Assert.Equal("blackbird", p.OriginalData!["query"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_maxlag_answer_is_waited_out_and_the_call_repeated()
    {
        _site.Lagged.Left = 1;

        using var crawl = await CrawlAsync(("categories", CommonsCatalogue.LinguaLibreFrench), ("pageSize", "3"));

        Assert.Equal(7, crawl.Pairs.Count);
        Assert.Equal(1, crawl.Custom("commons/api_error/maxlag"));
        Assert.Equal(4, ApiCalls);
    }

    [Fact]
    public async Task A_429_is_answered_with_backoff_and_the_listing_completes()
    {
        _site.Throttled.Left = 1;

        using var crawl = await CrawlAsync(("categories", CommonsCatalogue.LinguaLibreFrench), ("pageSize", "3"));

        Assert.Equal(7, crawl.Pairs.Count);
        Assert.Equal(1, crawl.Custom("retry/http_429"));
        Assert.Equal(4, ApiCalls);
    }

    [Fact]
    public async Task A_malformed_answer_is_counted_and_the_other_listings_go_on()
    {
        _site.MalformedCategories.Add(CommonsCatalogue.Birds);

        using var crawl = await CrawlAsync(("categories", CommonsCatalogue.Birds), ("categoryDepth", "2"));

        Assert.Equal(1, crawl.Custom("commons/malformed_response"));
        Assert.Equal(3, crawl.Pairs.Count);
    }
}
