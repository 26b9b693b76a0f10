using AngleSharp.Html.Parser;
using AudioCrawl.Crawlers.CambridgeDictionary;
using Xunit;

namespace AudioCrawl.Crawlers.Tests.CambridgeDictionary;

public sealed class CambridgeBrowseParserTests
{
    private static readonly Uri Site = new("https://dictionary.cambridge.org/");

    private static AngleSharp.Html.Dom.IHtmlDocument Html(string body) => new HtmlParser().ParseDocument($"<html><body>{body}</body></html>");

    [Fact]
    public void The_index_yields_one_page_per_letter_of_the_chosen_dictionary()
    {
        var document = Html("""
            <nav><a href="/browse/english/">Browse</a><a href="/dictionary/english/">Dictionary</a></nav>
            <div class="hfl-s lt2b lmt-10 lmb-25 lp-s_r-20"><ul class="hul-i hul-ib lm-0">
            <li><a class="hbtn hbtn-tab-b tc-d tb bw" href="https://dictionary.cambridge.org/browse/english/a/">a</a></li>
            <li><a class="hbtn hbtn-tab-b tc-d tb bw" href="https://dictionary.cambridge.org/browse/english/b/">b</a></li>
            <li><a class="hbtn hbtn-tab-b tc-d tb bw" href="/browse/english/b/">b</a></li>
            </ul><a href="/browse/english-spanish/a/">English–Spanish a</a></div>
            """);

        var letters = CambridgeBrowseParser.LetterPages(document, new Uri(Site, "/browse/english/"), "english");

        Assert.Equal(["https://dictionary.cambridge.org/browse/english/a/", "https://dictionary.cambridge.org/browse/english/b/"], letters.Select(u => u.AbsoluteUri));
    }

    [Fact]
    public void Letter_and_range_pages_yield_only_i_browse_links_each_once()
    {
        var document = Html("""
            <ul><li><a class="hbtn" href="/browse/english/c/">c</a></li></ul>
            <div class="hdf ff-50 lmt-15 i-browse">
              <a class="hlh32 hdb dil tcbd" href="/browse/english/a/a-cappella/" title="a cappella"><span class="hw haf">a cappella</span></a>
              <div class="hlh32 han"><a class="tc-bd" href="/dictionary/english/abacus" title="abacus"><span class="hw haf">abacus</span></a></div>
              <div class="hlh32 han"><a class="tc-bd" href="https://dictionary.cambridge.org/dictionary/english/abacus">abacus</a></div>
              <div class="hlh32 han"><a class="tc-bd" href="/dictionary/english/caf%C3%A9">café</a></div>
              <div class="hlh32 han"><a class="tc-bd" href="/dictionary/english-spanish/abacus">abacus (Spanish)</a></div>
              <div class="hlh32 han"><a class="tc-bd" href="#top">top</a></div>
            </div>
            <div class="dbrowse"><a href="/dictionary/english/zebra">zebra</a></div>
            """);

        var links = CambridgeBrowseParser.BrowseBlock(document, new Uri(Site, "/browse/english/a/"), "english");

        Assert.Equal(["https://dictionary.cambridge.org/browse/english/a/a-cappella/"], links.BrowsePages.Select(u => u.AbsoluteUri));
        Assert.Equal(["https://dictionary.cambridge.org/dictionary/english/abacus", "https://dictionary.cambridge.org/dictionary/english/caf%C3%A9"], links.Entries.Select(u => u.AbsoluteUri));
    }

    [Theory]
    [InlineData("https://dictionary.cambridge.org/dictionary/english/work", true)]
    [InlineData("https://dictionary.cambridge.org/us/dictionary/english/work", true)]
    [InlineData("https://dictionary.cambridge.org/dictionary/english/", false)]
    [InlineData("https://dictionary.cambridge.org/spellcheck/english/?q=wrok", false)]
    [InlineData("https://dictionary.cambridge.org/dictionary/english-spanish/work", false)]
    public void Recognises_entry_urls_of_the_chosen_dictionary(string url, bool isEntry) =>
        Assert.Equal(isEntry, CambridgeBrowseParser.IsEntry(new Uri(url), "english"));
}
