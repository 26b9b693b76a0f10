using AngleSharp.Html.Parser;
using Crawlers.CambridgeDictionary;
using Xunit;

namespace Crawlers.Tests.CambridgeDictionary;

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
    public void Letter_pages_in_the_live_markup_yield_their_range_links_by_url_shape_each_once()
    {
        var document = Html("""
            <header id="header"><a href="/browse/english/a/header-range/">Header</a></header>
            <div class="cpage"><div class="hfl-s lt2b lmt-10 lmb-25 lp-s_r-20"><h1>Browse the English Dictionary: A</h1>
              <ul class="hul-i hul-ib lm-0"><li><a class="hbtn" href="/browse/english/b/">b</a></li></ul>
              <div class="hdf ff-50 lmt-15">
                <div class="hlh32 hdb dil tcbd"><a href="/browse/english/a/a-cappella/" title="a cappella ... abbreviate">a cappella ... abbreviate</a></div>
                <div class="hlh32 hdb dil tcbd"><a href="https://dictionary.cambridge.org/browse/english/a/a-cappella/">again</a></div>
                <div class="hlh32 hdb dil tcbd"><a href="/browse/english/a/abbreviation/">abbreviation ... abide</a></div>
                <div class="hlh32 hdb dil tcbd"><a href="/browse/english-spanish/a/a/">Spanish</a></div>
              </div></div>
              <div class="hfr-s lt2s lmt-10"><div class="bw hbr-20"><h3 class="bb">Browse</h3><ul><li><a href="/browse/english/a/abacus/">abacus</a></li></ul></div></div>
            </div>
            <footer id="footer"><a href="/browse/english/z/footer-range/">Footer</a></footer>
            """);

        var links = CambridgeBrowseParser.BrowseLinks(document, new Uri(Site, "/browse/english/a/"), "english");

        Assert.Equal(["https://dictionary.cambridge.org/browse/english/a/a-cappella/", "https://dictionary.cambridge.org/browse/english/a/abbreviation/"],
            links.BrowsePages.Select(u => u.AbsoluteUri));
        Assert.Empty(links.Entries);
    }

    [Fact]
    public void Range_pages_yield_entries_from_any_container_but_not_from_navigation_side_columns_or_browse_widgets()
    {
        var document = Html("""
            <nav><a href="/dictionary/english/navigation-word">nav</a></nav>
            <main id="content"><section class="word-index"><h1>abacus … abide</h1>
              <ol class="wordlist">
                <li><a href="/dictionary/english/abacus" title="abacus"><span class="hw">abacus</span></a></li>
                <li><a href="https://dictionary.cambridge.org/dictionary/english/abacus">abacus</a></li>
                <li><a href="/us/dictionary/english/caf%C3%A9">café</a></li>
                <li><a href="/dictionary/english-spanish/abacus">abacus (Spanish)</a></li>
                <li><a href="#top">top</a></li>
              </ol>
              <div class="related"><h2>Browse nearby words</h2><a href="/dictionary/english/widget-word">widget</a></div>
              <form action="/search/direct/"><a href="/dictionary/english/form-word">form</a></form>
              <div hidden><a href="/dictionary/english/hidden-word">hidden</a></div>
            </section>
            <aside><a href="/dictionary/english/aside-word">aside</a></aside>
            <div role="complementary"><a href="/dictionary/english/complementary-word">aside</a></div></main>
            <div class="outside-main"><a href="/dictionary/english/outside-word">outside</a></div>
            """);

        var links = CambridgeBrowseParser.BrowseLinks(document, new Uri(Site, "/browse/english/a/abacus/"), "english");

        Assert.Equal(["https://dictionary.cambridge.org/dictionary/english/abacus", "https://dictionary.cambridge.org/us/dictionary/english/caf%C3%A9"],
            links.Entries.Select(u => u.AbsoluteUri));
        Assert.Empty(links.BrowsePages);
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
