using AudioCrawl.SampleSite.XenoCanto;
using AudioCrawl.Testing;
using Crawler.Core.Configuration;
using Crawler.Core.Engine;
using Xunit;

namespace Crawlers.Tests.XenoCanto;

public sealed class XenoCantoSpiderTests : IAsyncLifetime
{
    private const string Key = "xc-4f1d9a7e2b-secret";
    private readonly XenoCantoApiSite _site = new(Key);
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync(_site);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Task<SourceCrawl> CrawlAsync(params (string Key, string Value)[] settings) =>
        SourceCrawl.RunAsync("xenocanto", [("baseUrl", _server.BaseUrl.AbsoluteUri), .. settings]);

    private IEnumerable<string> ApiCalls => _server.Log.Select(r => r.PathAndQuery).Where(p => p.StartsWith(XenoCantoApiSite.ApiPath, StringComparison.Ordinal));

    [Fact]
    public async Task Gives_each_recording_its_names_and_sound_type_as_text_and_its_licence_and_recordist()
    {
        using var crawl = await CrawlAsync(("queries", "sp:\"Erithacus rubecula\""), ("apiKey", Key));

        var expected = _site.Catalogue.Recordings.Where(r => r.Genus == "Erithacus")
            .Select(r => (XenoCantoApiSite.FileUrl(_server.BaseUrl, r).AbsoluteUri, $"European Robin (Erithacus rubecula), {r.Type}"));
        Assert.Equal(expected, crawl.UrlsAndTexts);
        var first = crawl.Pairs[0].OriginalData!;
        Assert.Equal("xc:800000", first["source_id"]!.GetValue<string>());
        Assert.Equal($"{_server.BaseUrl.Scheme}://creativecommons.org/licenses/by-nc-sa/4.0/", first["license"]!.GetValue<string>());
        Assert.Equal("CC BY-NC-SA 4.0", first["license_name"]!.GetValue<string>());
        Assert.Equal("Jarek Matusiak", first["recordist"]!.GetValue<string>());
        Assert.Equal("A", first["quality"]!.GetValue<string>());
        Assert.Equal("1:00", first["length"]!.GetValue<string>());
        Assert.Equal("melophilus", first["subspecies"]!.GetValue<string>());
        Assert.Equal(["birds", "song"], crawl.Pairs[0].Tags);
    }

    [Fact]
    public async Task Follows_every_page_of_a_query()
    {
        using var crawl = await CrawlAsync(("queries", "sp:\"Turdus merula\""), ("perPage", "50"), ("apiKey", Key));

        Assert.Equal(XenoCantoCatalogue.BlackbirdCount, crawl.Pairs.Count);
        Assert.Equal(3, ApiCalls.Count());
        Assert.Equal(["1", "2", "3"], ApiCalls.Select(p => p.Split("page=")[^1].Split('&')[0]).Order());
    }

    [Fact]
    public async Task The_text_template_is_configurable()
    {
        using var crawl = await CrawlAsync(("queries", "grp:grasshoppers"), ("textTemplate", "{type} of {en} ({ssp})"), ("apiKey", Key));

        Assert.Equal(["song of Roesel's Bush-cricket", "calling song of Roesel's Bush-cricket"], crawl.Pairs.Select(p => p.Text));
    }

    [Fact]
    public async Task The_key_reaches_the_API_as_key_but_no_log_line_failure_record_or_stats()
    {
        _site.Faults.Throttled.Left = 1_000;

        using var crawl = await CrawlAsync(("queries", "sp:\"Erithacus rubecula\""), ("apiKey", Key), ("retries", "1"));

        Assert.All(ApiCalls, p => Assert.EndsWith($"&key={Key}", p, StringComparison.Ordinal));
        Assert.Equal(2, ApiCalls.Count());
        Assert.Contains("\"reason\":\"http_429\"", crawl.FailuresJsonl, StringComparison.Ordinal);
        Assert.Contains("api/3/recordings?query=", crawl.FailuresJsonl, StringComparison.Ordinal);
        Assert.Contains("Retrying", crawl.Logs.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, crawl.EverythingRecorded, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_429_is_answered_with_backoff_and_the_listing_completes()
    {
        _site.Faults.Throttled.Left = 1;

        using var crawl = await CrawlAsync(("queries", "sp:\"Erithacus rubecula\""), ("apiKey", Key));

        Assert.Equal(5, crawl.Pairs.Count);
        Assert.Equal(1, crawl.Custom("retry/http_429"));
    }

    [Fact]
    public async Task A_refused_key_is_reported_once_by_name_of_the_setting()
    {
        using var crawl = await CrawlAsync(("queries", "sp:\"Erithacus rubecula\",grp:grasshoppers"), ("apiKey", "wrong-key"));

        Assert.Empty(crawl.Pairs);
        Assert.Equal(2, crawl.Custom("xenocanto/api_error/invalid_key"));
        Assert.Single(crawl.Logs.Entries, e => e.Message.Contains("refused the API key", StringComparison.Ordinal));
        Assert.DoesNotContain("wrong-key", crawl.EverythingRecorded, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_page_is_counted_and_the_other_queries_go_on()
    {
        _site.Faults.MalformedPages.Add(2);

        using var crawl = await CrawlAsync(("queries", "sp:\"Turdus merula\",grp:grasshoppers"), ("perPage", "50"), ("apiKey", Key));

        Assert.Equal(1, crawl.Custom("xenocanto/malformed_response"));
        Assert.Equal(50 + 2, crawl.Pairs.Count);
    }

    [Fact]
    public async Task Without_a_key_the_crawl_fails_before_any_request_and_says_where_to_put_one()
    {
        using var crawl = await SourceCrawl.RunAsync("xenocanto", ("baseUrl", _server.BaseUrl.AbsoluteUri), ("queries", "sp:x"));

        Assert.Equal(CrawlOutcome.Failed, crawl.Result.Outcome);
        Assert.Equal(FinishReasons.StartRequestsFailed, crawl.Result.FinishReason);
        Assert.Contains("set apiKey, or the XENO_CANTO_API_KEY environment variable", crawl.Result.FailureMessage, StringComparison.Ordinal);
        Assert.Empty(ApiCalls);
    }

}
