using AngleSharp.Html.Parser;
using BenchmarkDotNet.Attributes;
using Crawler.Abstractions.Http;
using Crawlers.CambridgeDictionary;
using HtmlAgilityPack;

namespace AudioCrawl.Benchmarks;

/// <summary>
/// The crawl's hot path per entry page: parse ~80 KB of markup, then find the pronunciation groups, their block's
/// headword and the mp3 source. AngleSharp (what the spider uses, CSS selectors) against HtmlAgilityPack (XPath).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class HtmlExtractionBenchmarks
{
    private const string BlockXPath =
        "ancestor::*[contains(concat(' ', normalize-space(@class), ' '), ' entry-body__el ') or contains(concat(' ', normalize-space(@class), ' '), ' pv-block ') or contains(concat(' ', normalize-space(@class), ' '), ' idiom-block ')][1]";

    private readonly HtmlParser _parser = new();
    private string _html = "";
    private Uri _url = EntryPageFixture.Origin;
    private AngleSharp.Html.Dom.IHtmlDocument? _parsed;

    [GlobalSetup]
    public void Setup()
    {
        (_html, _url) = EntryPageFixture.Create();
        _parsed = _parser.ParseDocument(_html);
    }

    [Benchmark(Baseline = true)]
    public object AngleSharp_parse() => _parser.ParseDocument(_html);

    [Benchmark]
    public int AngleSharp_parse_and_extract() => CambridgeEntryParser.Parse(_parser.ParseDocument(_html), _url).Pronunciations.Count;

    /// <summary>The spider's extraction alone, on a page parsed once (the DOM is only read).</summary>
    [Benchmark]
    public int AngleSharp_extract_only() => CambridgeEntryParser.Parse(_parsed!, _url).Pronunciations.Count;

    /// <summary>What the spider does now: one streaming pass over the markup, no DOM.</summary>
    [Benchmark]
    public int Streaming_scan() => CambridgeEntryScanner.TryParse(_html, _url, out _)!.Pronunciations.Count;

    [Benchmark]
    public object HtmlAgilityPack_parse()
    {
        var document = new HtmlDocument();
        document.LoadHtml(_html);
        return document;
    }

    [Benchmark]
    public int HtmlAgilityPack_parse_and_extract()
    {
        var document = new HtmlDocument();
        document.LoadHtml(_html);
        var found = 0;
        var groups = document.DocumentNode.SelectNodes("//span[contains(concat(' ', normalize-space(@class), ' '), ' dpron-i ')]");
        foreach (var group in groups ?? Enumerable.Empty<HtmlNode>())
        {
            var block = group.SelectSingleNode(BlockXPath);
            var headword = block?.SelectSingleNode(".//span[contains(concat(' ', normalize-space(@class), ' '), ' hw ')]")?.InnerText;
            var source = group.SelectSingleNode(".//source[@type='audio/mpeg']")?.GetAttributeValue("src", null);
            if (headword is not null && LinkResolver.Resolve(_url, source) is not null)
                found++;
        }
        return found;
    }
}
