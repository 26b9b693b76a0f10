using AudioCrawl.SampleSite.Freesound;
using AudioCrawl.Testing;
using Crawler.Core.Configuration;
using Crawler.Core.Engine;
using Crawlers.Freesound;
using Xunit;

namespace Crawlers.Tests.Freesound;

public sealed class FreesoundSpiderTests : IAsyncLifetime
{
    private const string Key = "fs0a1b2c3d4e5f6secretKEY";
    private readonly FreesoundApiSite _site = new(Key);
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync(_site);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Task<SourceCrawl> CrawlAsync(params (string Key, string Value)[] settings) =>
        SourceCrawl.RunAsync("freesound", [("baseUrl", _server.BaseUrl.AbsoluteUri), ("apiKey", Key), .. settings]);

    private IReadOnlyList<string> ApiCalls => _server.Log.Select(r => r.PathAndQuery).Where(p => p.StartsWith(FreesoundApiSite.SearchPath, StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task Follows_every_next_link_with_the_description_as_text_and_the_hq_mp3_preview_as_audio()
    {
        using var crawl = await CrawlAsync(("queries", "rain"), ("pageSize", "15"));

        var expected = _site.Catalogue.Sounds.Take(FreesoundCatalogue.RainCount)
            .Select(s => (FreesoundApiSite.PreviewUrl(_server.BaseUrl, s).AbsoluteUri, s.Description[..(s.Description.IndexOf('<') - 1)] + " More field recordings."));
        Assert.Equal(expected, crawl.UrlsAndTexts);
        Assert.Equal(3, ApiCalls.Count);
        Assert.All(ApiCalls, p => Assert.Contains("fields=id%2Cname%2Cdescription%2Ctags%2Clicense%2Cusername%2Cduration%2Curl%2Cpreviews", p, StringComparison.Ordinal));
        var first = crawl.Pairs[0];
        Assert.Equal(["rain", "field-recording", "roof"], first.Tags);
        Assert.Equal("http://creativecommons.org/licenses/by/3.0/", first.OriginalData!["license"]!.GetValue<string>());
        Assert.Equal("CC BY 3.0", first.OriginalData["license_name"]!.GetValue<string>());
        Assert.Equal("InspectorJ", first.OriginalData["username"]!.GetValue<string>());
        Assert.Equal("freesound:400000", first.OriginalData["source_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Asks_for_the_largest_page_by_default_and_sends_the_key_as_a_token_header_only()
    {
        using var crawl = await CrawlAsync(("queries", "rain"));

        Assert.Equal(FreesoundCatalogue.RainCount, crawl.Pairs.Count);
        var call = Assert.Single(ApiCalls);
        Assert.Contains("page_size=150", call, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, call, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, crawl.EverythingRecorded, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_filter_and_the_name_as_text_and_another_preview_can_be_chosen()
    {
        using var crawl = await CrawlAsync(("queries", "dog"), ("filter", "tag:bark"), ("text", "name"), ("preview", "preview-lq-ogg"));

        var barks = _site.Catalogue.Sounds.Where(s => s.Tags.Contains("bark"));
        Assert.Equal(barks.Select(s => (FreesoundApiSite.PreviewUrl(_server.BaseUrl, s, "lq", "ogg").AbsoluteUri, s.Name)), crawl.UrlsAndTexts);
    }

    [Fact]
    public async Task A_sound_without_a_description_gives_its_name()
    {
        using var crawl = await CrawlAsync(("queries", "dog"));

        Assert.Contains(crawl.Pairs, p => p.Text == "dog_barking_distance.wav" && p.OriginalData!["text_source"]!.GetValue<string>() == "name");
        Assert.Contains(crawl.Pairs, p => p.Text == "A small dog barks twice at the door.");
    }

    [Fact]
    public async Task A_429_is_answered_with_backoff_and_a_refused_key_is_reported_once()
    {
        _site.Faults.Throttled.Left = 1;
        using var throttled = await CrawlAsync(("queries", "dog"));
        Assert.Equal(3, throttled.Pairs.Count);
        Assert.Equal(1, throttled.Custom("retry/http_429"));

        using var refused = await SourceCrawl.RunAsync("freesound", ("baseUrl", _server.BaseUrl.AbsoluteUri), ("apiKey", "not-the-key"), ("queries", "dog,rain"));
        Assert.Empty(refused.Pairs);
        Assert.Equal(2, refused.Custom("freesound/api_error/http_401"));
        Assert.Single(refused.Logs.Entries, e => e.Message.Contains("refused the API key (Invalid token.)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_malformed_page_is_counted_and_the_other_queries_go_on()
    {
        _site.Faults.MalformedPages.Add(2);

        using var crawl = await CrawlAsync(("queries", "rain,bark"), ("pageSize", "15"));

        Assert.Equal(1, crawl.Custom("freesound/malformed_response"));
        Assert.Equal(15 + 3, crawl.Pairs.Count);
    }

    [Fact]
    public async Task Without_a_key_the_crawl_fails_before_any_request_and_says_where_to_put_one()
    {
        using var crawl = await SourceCrawl.RunAsync("freesound", ("baseUrl", _server.BaseUrl.AbsoluteUri), ("queries", "rain"));

        Assert.Equal(CrawlOutcome.Failed, crawl.Result.Outcome);
        Assert.Contains("set apiKey, or the FREESOUND_API_KEY environment variable", crawl.Result.FailureMessage, StringComparison.Ordinal);
        Assert.Empty(ApiCalls);
    }

    [Fact]
    public void Originals_are_refused_as_a_preview_choice_with_the_reason()
    {
        var problem = Assert.Throws<ConfigurationException>(() => new CrawlPlanner(new([typeof(FreesoundSpider).Assembly]), CrawlerConfig.Empty)
            .Plan("freesound", [new("queries", "rain"), new("apiKey", "k"), new("preview", "original")]));

        Assert.Contains("originals need OAuth2", problem.Message, StringComparison.Ordinal);
    }
}
