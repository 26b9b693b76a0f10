using System.Text;
using AngleSharp.Html.Parser;
using BenchmarkDotNet.Attributes;

namespace AudioCrawl.Benchmarks;

/// <summary>How the page is handed to AngleSharp: a parser per page or one shared, options, string or bytes.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class HtmlParserSetupBenchmarks
{
    private readonly HtmlParser _shared = new();
    private readonly HtmlParser _lean = new(new HtmlParserOptions { DisableElementPositionTracking = true, SkipComments = true });
    private string _html = "";
    private byte[] _bytes = [];

    [GlobalSetup]
    public void Setup()
    {
        (_html, _) = EntryPageFixture.Create();
        _bytes = Encoding.UTF8.GetBytes(_html);
    }

    [Benchmark(Baseline = true)]
    public object New_parser_per_page_from_decoded_string() => new HtmlParser().ParseDocument(Encoding.UTF8.GetString(_bytes));

    [Benchmark]
    public object Shared_parser_from_decoded_string() => _shared.ParseDocument(Encoding.UTF8.GetString(_bytes));

    [Benchmark]
    public object Lean_parser_from_decoded_string() => _lean.ParseDocument(Encoding.UTF8.GetString(_bytes));

    [Benchmark]
    public object Lean_parser_from_bytes() => _lean.ParseDocument(new MemoryStream(_bytes, writable: false));
}
