using AngleSharp.Html.Parser;
using AudioCrawl.SampleSite.Cambridge;
using AudioCrawl.Testing;
using Crawlers.CambridgeDictionary;
using Xunit;

namespace Crawlers.Tests.CambridgeDictionary;

/// <summary>
/// The streaming reader against the DOM parser: the same result on every page of the mirror and on awkward but
/// valid markup, and a refusal (so the spider falls back to the DOM) where only the full HTML algorithm knows.
/// </summary>
public sealed class CambridgeEntryScannerTests
{
    private static readonly Uri Origin = new("https://dictionary.cambridge.org/");
    private static readonly Uri Page = new("https://dictionary.cambridge.org/dictionary/english/work");

    private static void AssertSameAsDom(string html, Uri page)
    {
        var dom = CambridgeEntryParser.Parse(new HtmlParser().ParseDocument(html), page);
        var streamed = CambridgeEntryScanner.TryParse(html, page, out var unsupported);

        Assert.True(streamed is not null, $"the scanner gave up on {page}: {unsupported}");
        Assert.Equal(dom.BlockCount, streamed.BlockCount);
        Assert.Equal(dom.Pronunciations, streamed.Pronunciations);
    }

    [Fact]
    public void Reads_every_page_of_the_mirror_exactly_as_the_dom_parser_does()
    {
        var lexicon = new CambridgeLexicon(400, seed: 7);
        var pages = new AudioCrawl.SampleSite.Cambridge.CambridgeEntryPage(lexicon);

        foreach (var entry in lexicon.Entries)
            AssertSameAsDom(pages.Render(entry, Origin), new Uri(Origin, $"/dictionary/english/{entry.Slug}"));
    }

    private const string Group = """
        <span class="uk dpron-i"><span class="region dreg">uk</span><span class="daud"><audio class="hdn" preload="none">
        <source type="audio/mpeg" src="/media/english/uk_pron/u/ukw/ukwor/ukwordp005.mp3"><source type="audio/ogg" src="/media/english/uk_pron_ogg/u/ukw/ukwor/ukwordp005.ogg">
        </audio></span><span class="pron dpron">/<span class="ipa dipa">wɜːk</span>/</span></span>
        """;

    private static string Entry(string inside) =>
        $"""<!DOCTYPE html><html><head><title>work</title></head><body><div class="pr entry-body__el"><div class="di-title"><span class="hw dhw">work</span></div><span class="pos dpos">noun</span>{inside}</div></body></html>""";

    [Fact]
    public void Groups_written_inside_comments_scripts_and_templates_of_strings_are_not_groups()
    {
        var html = Entry($"""
            <!-- <span class="us dpron-i"><source type="audio/mpeg" src="/commented.mp3"></span> -->
            <script>document.write('<span class="us dpron-i"><source type="audio/mpeg" src="/scripted.mp3"></span>');</script>
            <noscript><img src="/pixel.gif"></noscript>
            {Group}
            """);

        AssertSameAsDom(html, Page);
        var page = CambridgeEntryScanner.TryParse(html, Page, out _)!;
        Assert.Equal(["https://dictionary.cambridge.org/media/english/uk_pron/u/ukw/ukwor/ukwordp005.mp3"], page.Pronunciations.Select(p => p.Mp3!.AbsoluteUri));
    }

    [Fact]
    public void Sloppy_but_valid_markup_reads_the_same_unclosed_paragraphs_list_items_and_spans()
    {
        var html = Entry($"""
            <p>An unclosed paragraph
            <ul class="hul-u"><li>one<li>two</ul>
            <div class="sense"><span class="gram">[ U ]<span>left open</div>
            <SPAN CLASS='us dpron-i'><span class=region>us</span><AUDIO><SOURCE TYPE='audio/mpeg' SRC='/media/english/us_pron/w/wor/work_/work.mp3?v=1&amp;w=2'></AUDIO><span class="ipa dipa">w&#x25B;&#x02D0;k</span></SPAN>
            <svg class="icon"><use href="#i-volume"/><path d="M0 0"/></svg>
            {Group}
            """);

        AssertSameAsDom(html, Page);
    }

    [Fact]
    public void A_group_outside_every_block_and_a_block_without_headword_read_the_same()
    {
        var html = $"""
            <!DOCTYPE html><body><aside class="sidebar">{Group}</aside>
            <div class="pr entry-body__el"><div class="pos-header"></div>{Group}</div>
            <div class="pr idiom-block"><div class="idiom-block"><h2 class="headword"><b class="phrase-title">work wonders</b></h2>{Group}</div></div>
            </body>
            """;

        AssertSameAsDom(html, Page);
    }

    [Fact]
    public void A_group_without_its_own_ipa_takes_the_one_printed_beside_the_groups_not_another_groups()
    {
        var withoutIpa = """<span class="us dpron-i"><audio><source type="audio/mpeg" src="/media/american-english/us_pron/w/work.mp3"></audio></span>""";
        var html = Entry($"""{Group}{withoutIpa}<span class="pron dpron">/<span class="ipa dipa">wɝːk</span>/</span>""");

        AssertSameAsDom(html, Page);
        var page = CambridgeEntryScanner.TryParse(html, Page, out _)!;
        Assert.Equal(["wɜːk", "wɝːk"], page.Pronunciations.Select(p => p.Ipa));
    }

    [Fact]
    public void Groups_inside_an_amp_mustache_template_are_not_on_the_page()
    {
        var html = Entry($$$"""
            <amp-autocomplete filter="none" src="/autocomplete/amp?dataset=english"><input type="text" name="q">
            <template type="amp-mustache" id="amp-template-autocomplete"><div class="haxa" data-value="{{word}}">{{word}}
            <span class="us dpron-i"><audio><source type="audio/mpeg" src="/templated.mp3"></audio></span><template><b></template></div></template>
            </amp-autocomplete>
            {{{Group}}}
            """);

        AssertSameAsDom(html, Page);
        var page = CambridgeEntryScanner.TryParse(html, Page, out _)!;
        Assert.Equal(["https://dictionary.cambridge.org/media/english/uk_pron/u/ukw/ukwor/ukwordp005.mp3"], page.Pronunciations.Select(p => p.Mp3!.AbsoluteUri));
    }

    [Theory]
    [InlineData("<b><i>misnested</b></i>")]
    [InlineData("<table><span class=\"pos dpos\">verb</span></table>")]
    public void Markup_that_a_browser_restructures_is_left_to_the_dom_parser(string inside)
    {
        var page = CambridgeEntryScanner.TryParse(Entry(Group + inside), Page, out var unsupported);

        Assert.Null(page);
        Assert.False(string.IsNullOrEmpty(unsupported));
    }

    [Fact]
    public async Task The_spider_falls_back_to_the_dom_parser_for_such_a_page_and_counts_it()
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Page("/dictionary/english/work", Entry(Group + "<b><i>misnested</b></i>"));

        var (pairs, stats) = await CambridgeCrawl.RunAsync(server.BaseUrl, ("words", "work"));

        var pair = Assert.Single(pairs);
        Assert.Equal("work", pair.Text);
        Assert.Equal(new Uri(server.BaseUrl, "/media/english/uk_pron/u/ukw/ukwor/ukwordp005.mp3"), pair.Url);
        Assert.Equal(1, stats.Counters.GetValueOrDefault(CambridgeSpider.ParsedWithDom));
    }

    [Fact]
    public async Task Browsing_the_mirror_with_either_reader_gives_the_same_pairs()
    {
        await using var server = await LoopbackServer.StartAsync(new CambridgeMirror(new CambridgeLexicon(80, seed: 3)));

        var (streamed, streamedStats) = await CambridgeCrawl.RunAsync(server.BaseUrl);
        var (dom, domStats) = await CambridgeCrawl.RunAsync(server.BaseUrl, ("entryReader", "dom"));

        Assert.NotEmpty(streamed);
        Assert.Equal(dom.Select(p => (p.Url, p.Text)).ToHashSet(), streamed.Select(p => (p.Url, p.Text)).ToHashSet());
        Assert.Equal(0, streamedStats.Counters.GetValueOrDefault(CambridgeSpider.ParsedWithDom));
        Assert.Equal(domStats.Counters[CambridgeSpider.Entries], domStats.Counters[CambridgeSpider.ParsedWithDom]);
    }

    [Fact]
    public void On_randomly_damaged_pages_the_scanner_either_agrees_with_the_dom_or_hands_the_page_over()
    {
        var lexicon = new CambridgeLexicon(60, seed: 11);
        var pages = new AudioCrawl.SampleSite.Cambridge.CambridgeEntryPage(lexicon, targetBytes: 12_000);

        var agreed = RandomDamage.CountAgreements(
            lexicon.Entries.Select(entry => (pages.Render(entry, Origin), new Uri(Origin, $"/dictionary/english/{entry.Slug}"))), new Random(20261124), attempts: 40);

        Assert.True(agreed > 600, $"only {agreed} damaged pages were read by the scanner: the test would prove little");
    }
}
