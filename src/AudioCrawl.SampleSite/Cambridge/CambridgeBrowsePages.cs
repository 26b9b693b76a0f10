using System.Text;

namespace AudioCrawl.SampleSite.Cambridge;

/// <summary>
/// Renders the browse pages: the index's letter tabs (absolute links), each letter's ranges and each range's
/// entries. In the <see cref="CambridgeBrowseMarkup.Live"/> markup, as on the live site, the links are <c>a</c>
/// elements in <c>div.hlh32.hdb.dil.tcbd</c> blocks of the main column inside <c>div.cpage</c>, and a side column
/// holds a "Browse" widget whose range-shaped links are not ranges; the <see cref="CambridgeBrowseMarkup.Alternate"/>
/// markup puts the same links in other containers. Ranges overlap by one entry (the last range of a letter ends
/// with the next letter's first entry) and the first range also lists a word that has no entry, so a crawler sees
/// duplicate and stale links.
/// </summary>
public sealed class CambridgeBrowsePages(CambridgeLexicon lexicon, CambridgeBrowseMarkup markup = CambridgeBrowseMarkup.Live)
{
    public const int RangeSize = 20;

    private const int WidgetLinks = 3;

    private readonly IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyList<LexiconEntry>>> _ranges = lexicon.Entries
        .GroupBy(e => e.Letter)
        .ToDictionary(g => g.Key, g => (IReadOnlyList<IReadOnlyList<LexiconEntry>>)g.Chunk(RangeSize).Select(c => (IReadOnlyList<LexiconEntry>)c).ToArray(), StringComparer.Ordinal);

    public IEnumerable<string> Letters => _ranges.Keys.Order(StringComparer.Ordinal);

    /// <summary>The ranges of a letter, each named by the slug of its first entry.</summary>
    public IEnumerable<string> RangeNames(string letter) =>
        _ranges.TryGetValue(letter, out var ranges) ? ranges.Select(r => r[0].Slug) : [];

    /// <summary>
    /// The range-shaped links of the "Browse" widget on a letter's pages: <c>/browse/english/{letter}/{slug}/</c>
    /// for words inside a range, not at its start, so the mirror has no such page (404). A crawler that follows them
    /// took the widget for the listing.
    /// </summary>
    public IEnumerable<string> WidgetRangeLinks(string letter) =>
        _ranges.TryGetValue(letter, out var ranges)
            ? ranges.SelectMany(r => r.Skip(1)).Take(WidgetLinks).Select(e => Browse(letter, e.Slug))
            : [];

    public string Index(Uri? origin)
    {
        var prefix = origin is null ? "" : origin.GetLeftPart(UriPartial.Authority);
        var html = new StringBuilder();
        CambridgeHtml.Open(html, "Browse the English Dictionary", prefix + Browse(), "break default_layout");
        OpenMain(html, "Browse the English Dictionary");
        if (markup == CambridgeBrowseMarkup.Live)
        {
            html.Append("<ul class=\"hul-i hul-ib lm-0\">");
            foreach (var letter in Letters)
                html.Append("<li><a class=\"hbtn hbtn-tab-b tc-d tb bw\" href=\"").Append(prefix).Append(Browse(letter)).Append("\">").Append(letter).Append("</a></li>");
            html.Append("</ul>");
        }
        else
        {
            html.Append("<ol class=\"alphabet-grid\">");
            foreach (var letter in Letters)
                html.Append("<li class=\"alphabet-grid__cell\"><a href=\"").Append(prefix).Append(Browse(letter)).Append("\">").Append(letter.ToUpperInvariant()).Append("</a></li>");
            html.Append("</ol>");
        }
        html.Append("<p>Other dictionaries: <a href=\"/browse/english-spanish/\">English–Spanish</a>, <a href=\"/browse/english-french/a/\">English–French A</a></p>");
        CloseMain(html, Letters.FirstOrDefault());
        CambridgeHtml.Close(html);
        return html.ToString();
    }

    public string? Letter(string letter)
    {
        if (!_ranges.TryGetValue(letter, out var ranges))
            return null;
        var html = new StringBuilder();
        CambridgeHtml.Open(html, $"Browse the English Dictionary: {letter}", Browse(letter), "break default_layout");
        OpenMain(html, $"Browse the English Dictionary: {letter.ToUpperInvariant()}");
        LetterTabs(html);
        OpenList(html);
        foreach (var range in ranges)
        {
            var title = $"{range[0].Headword} ... {range[^1].Headword}";
            OpenItem(html);
            html.Append("<a href=\"").Append(Browse(letter, range[0].Slug)).Append("\" title=\"").Append(CambridgeHtml.Encode(title)).Append("\">")
                .Append("<span class=\"hw haf\">").Append(CambridgeHtml.Encode(range[0].Headword)).Append("</span> <span class=\"hdib\">...</span> ")
                .Append("<span class=\"hw haf\">").Append(CambridgeHtml.Encode(range[^1].Headword)).Append("</span></a>");
            CloseItem(html);
        }
        CloseList(html);
        CloseMain(html, letter);
        CambridgeHtml.Close(html);
        return html.ToString();
    }

    public string? Range(string letter, string name)
    {
        if (!_ranges.TryGetValue(letter, out var ranges))
            return null;
        var at = ranges.ToList().FindIndex(r => r[0].Slug == name);
        if (at < 0)
            return null;
        var listed = ranges[at].ToList();
        if (at + 1 < ranges.Count)
            listed.Add(ranges[at + 1][0]);
        else if (Letters.SkipWhile(l => l != letter).Skip(1).FirstOrDefault() is { } nextLetter)
            listed.Add(_ranges[nextLetter][0][0]);
        var html = new StringBuilder();
        CambridgeHtml.Open(html, $"Browse the English Dictionary: {ranges[at][0].Headword}", Browse(letter, name), "break default_layout");
        OpenMain(html, $"{ranges[at][0].Headword} … {ranges[at][^1].Headword}");
        OpenList(html);
        foreach (var entry in listed)
            Link(html, entry.Slug, entry.Headword, entry.Blocks[0].Kind == EntryBlockKind.Idiom ? "idiom" : null);
        if (letter == Letters.First() && at == 0)
        {
            Link(html, lexicon.MissingSlug, lexicon.MissingSlug.Replace('-', ' '), null);
            Link(html, ranges[at][0].Slug, ranges[at][0].Headword, null);
        }
        CloseList(html);
        CloseMain(html, letter);
        CambridgeHtml.Close(html);
        return html.ToString();
    }

    public static string Browse(string? letter = null, string? range = null)
    {
        var path = $"/browse/{CambridgeLexicon.Dictionary}/";
        if (letter is not null)
            path += Uri.EscapeDataString(letter) + "/";
        if (range is not null)
            path += Uri.EscapeDataString(range) + "/";
        return path;
    }

    private bool Live => markup == CambridgeBrowseMarkup.Live;

    private void OpenMain(StringBuilder html, string heading)
    {
        html.Append(Live
            ? "<div class=\"cpage\">\n<div class=\"hfl-s lt2b lmt-10 lmb-25 lp-s_r-20\"><h1 class=\"fs36 lmt-5 feature-w-big\">"
            : "<main id=\"content\" class=\"page-main\">\n<section class=\"word-index\"><h1 class=\"word-index__title\">");
        html.Append(CambridgeHtml.Encode(heading)).Append("</h1>");
    }

    /// <summary>Closes the main column, then the side column with its "Browse" widget and an advert.</summary>
    private void CloseMain(StringBuilder html, string? letter)
    {
        html.Append(Live ? "</div>\n<div class=\"hfr-s lt2s lmt-10\">" : "</section>\n<aside class=\"page-aside\">");
        CambridgeHtml.Advert(html, "ad_rightslot");
        html.Append(Live
            ? "<div class=\"bw hbr-20 lmb-25 lp-15\"><h3 class=\"bb fs16 lmb-10\">Browse</h3><ul class=\"hul-u hul-u0\">"
            : "<section class=\"browse-panel\"><h2 class=\"browse-panel__title\">Browse the dictionary</h2><ul>");
        if (letter is not null)
        {
            foreach (var link in WidgetRangeLinks(letter))
                html.Append("<li><a href=\"").Append(link).Append("\">").Append(CambridgeHtml.Encode(Uri.UnescapeDataString(link.Split('/')[^2]))).Append("</a></li>");
        }
        html.Append("<li><a href=\"/browse/english-spanish/a/a/\">English–Spanish: a</a></li></ul>")
            .Append(Live ? "</div></div>\n</div>\n" : "</section></aside>\n</main>\n");
        CambridgeHtml.Advert(html, "ad_btmslot");
    }

    private void LetterTabs(StringBuilder html)
    {
        html.Append(Live ? "<ul class=\"hul-i hul-ib lm-0\">" : "<nav class=\"alphabet\" aria-label=\"Letters\"><ul>");
        foreach (var other in Letters)
        {
            html.Append(Live ? "<li><a class=\"hbtn hbtn-tab-b tc-d tb bw\" href=\"" : "<li><a href=\"").Append(Browse(other)).Append("\">").Append(other).Append("</a></li>");
        }
        html.Append(Live ? "</ul>" : "</ul></nav>");
    }

    private void OpenList(StringBuilder html) => html.Append(Live ? "<div class=\"hdf ff-50 lmt-15\">" : "<ol class=\"wordlist\">");

    private void CloseList(StringBuilder html) => html.Append(Live ? "</div>" : "</ol>");

    private void OpenItem(StringBuilder html) => html.Append(Live ? "<div class=\"hlh32 hdb dil tcbd\">" : "<li class=\"wordlist__item\">");

    private void CloseItem(StringBuilder html) => html.Append(Live ? "</div>" : "</li>");

    private void Link(StringBuilder html, string slug, string headword, string? label)
    {
        OpenItem(html);
        html.Append("<a title=\"").Append(CambridgeHtml.Encode(headword)).Append("\" href=\"")
            .Append(CambridgeHtml.EntryHref(CambridgeLexicon.Dictionary, slug)).Append("\"><span class=\"hw haf\">").Append(CambridgeHtml.Encode(headword)).Append("</span>");
        if (label is not null)
            html.Append(" <span class=\"pos\">").Append(label).Append("</span>");
        html.Append("</a>");
        CloseItem(html);
    }
}
