using AngleSharp.Html.Parser;
using Crawlers.CambridgeDictionary;
using Xunit;
using Xunit.Abstractions;

namespace Crawlers.Tests.CambridgeDictionary.RecordedMarkup;

/// <summary>
/// The streaming entry reader on real-site markup (2019–2022 layouts, English and English–Chinese): it must read
/// nearly every page itself, not hand it to the DOM parser, and give exactly the DOM parser's result on every page.
/// </summary>
public sealed class RecordedMarkupTests(ITestOutputHelper output)
{
    private static readonly RecordedPage[] Corpus = RecordedPageCorpus.Pages().ToArray();

    [Fact]
    public void The_streaming_reader_reads_over_99_percent_of_real_markup_pages_itself()
    {
        var fallbacks = new List<string>();
        foreach (var page in Corpus)
        {
            if (CambridgeEntryScanner.TryParse(page.Html, page.Url, out var unsupported) is null)
                fallbacks.Add($"{page}: {unsupported}");
        }

        var rate = (double)fallbacks.Count / Corpus.Length;
        output.WriteLine($"{Corpus.Length} pages, {fallbacks.Count} handed to the DOM parser ({rate:P1})");
        foreach (var fallback in fallbacks)
            output.WriteLine(fallback);
        Assert.True(Corpus.Length >= 100, $"only {Corpus.Length} pages: the rate would say little");
        Assert.True(rate < 0.01, $"{fallbacks.Count} of {Corpus.Length} pages fell back:\n{string.Join("\n", fallbacks.Take(20))}");
    }

    [Fact]
    public void Both_readers_give_the_same_blocks_and_pronunciations_on_every_page()
    {
        foreach (var page in Corpus)
        {
            var dom = CambridgeEntryParser.Parse(new HtmlParser().ParseDocument(page.Html), page.Url);
            var streamed = CambridgeEntryScanner.TryParse(page.Html, page.Url, out _);
            if (streamed is null)
                continue;

            Assert.True(dom.BlockCount == streamed.BlockCount, $"{page}: {dom.BlockCount} blocks in the DOM, {streamed.BlockCount} streamed");
            Assert.True(dom.Pronunciations.SequenceEqual(streamed.Pronunciations),
                $"{page}:\nDOM: {string.Join("\n     ", dom.Pronunciations)}\nstreamed: {string.Join("\n     ", streamed.Pronunciations)}");
        }
    }

    [Fact]
    public void Every_page_gives_each_block_of_its_word_with_the_recordings_it_plays()
    {
        foreach (var page in Corpus)
        {
            var read = CambridgeEntryScanner.TryParse(page.Html, page.Url, out _) ?? CambridgeEntryParser.Parse(new HtmlParser().ParseDocument(page.Html), page.Url);

            var expected = page.Word.Blocks.SelectMany(b => new[] { ("uk", b.UkAudio), ("us", b.UsAudio) }.Where(r => r.Item2).Select(r => (b.Headword, Url: new Uri(page.Url, page.Edition.Audio(b, r.Item1)))));
            var pairs = read.Pronunciations.Where(p => p.Mp3 is not null).Select(p => (p.Headword, Url: p.Mp3!)).ToHashSet();
            foreach (var pair in expected)
                Assert.True(pairs.Contains(pair), $"{page}: no {pair.Headword} → {pair.Url} among\n{string.Join("\n", pairs)}");
            Assert.True(read.BlockCount >= page.Word.Blocks.Count, $"{page}: {read.BlockCount} blocks");
        }
    }

    [Fact]
    public void On_randomly_damaged_real_markup_pages_the_scanner_either_agrees_with_the_dom_or_hands_the_page_over()
    {
        var agreed = RandomDamage.CountAgreements(Corpus.Where((_, index) => index % 3 == 0).Select(page => (page.Html, page.Url)), new Random(20261201), attempts: 12);

        output.WriteLine($"{agreed} damaged pages read by the scanner and checked");
        Assert.True(agreed > 250, $"only {agreed} damaged pages were read by the scanner: the test would prove little");
    }
}
