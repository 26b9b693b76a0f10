using System.Text;

namespace AudioCrawl.SampleSite.Cambridge;

/// <summary>
/// Renders the browse pages as the real site does: the index's letter tabs (absolute links), each letter's
/// ranges and each range's entries as <c>a</c> links inside <c>div.hdf.ff-50.lmt-15.i-browse</c>. Ranges overlap
/// by one entry (the last range of a letter ends with the next letter's first entry) and the first range also lists a word that has no entry, so a crawler sees duplicate and stale links.
/// </summary>
public sealed class CambridgeBrowsePages(CambridgeLexicon lexicon)
{
    public const int RangeSize = 20;

    private readonly IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyList<LexiconEntry>>> _ranges = lexicon.Entries
        .GroupBy(e => e.Letter)
        .ToDictionary(g => g.Key, g => (IReadOnlyList<IReadOnlyList<LexiconEntry>>)g.Chunk(RangeSize).Select(c => (IReadOnlyList<LexiconEntry>)c).ToArray(), StringComparer.Ordinal);

    public IEnumerable<string> Letters => _ranges.Keys.Order(StringComparer.Ordinal);

    /// <summary>The ranges of a letter, each named by the slug of its first entry.</summary>
    public IEnumerable<string> RangeNames(string letter) =>
        _ranges.TryGetValue(letter, out var ranges) ? ranges.Select(r => r[0].Slug) : [];

    public string Index(Uri? origin)
    {
        var prefix = origin is null ? "" : origin.GetLeftPart(UriPartial.Authority);
        var html = new StringBuilder();
        CambridgeHtml.Open(html, "Browse the English Dictionary", prefix + Browse(), "break default_layout");
        html.Append("<div class=\"hfl-s lt2b lmt-10 lmb-25 lp-s_r-20\"><h1 class=\"fs36 lmt-5 feature-w-big\">Browse the English Dictionary</h1>")
            .Append("<ul class=\"hul-i hul-ib lm-0\">");
        foreach (var letter in Letters)
            html.Append("<li><a class=\"hbtn hbtn-tab-b tc-d tb bw\" href=\"").Append(prefix).Append(Browse(letter)).Append("\">").Append(letter).Append("</a></li>");
        html.Append("</ul><p>Other dictionaries: <a href=\"/browse/english-spanish/\">English–Spanish</a>, <a href=\"/browse/english-french/a/\">English–French A</a></p></div>\n");
        CambridgeHtml.Close(html);
        return html.ToString();
    }

    public string? Letter(string letter)
    {
        if (!_ranges.TryGetValue(letter, out var ranges))
            return null;
        var html = new StringBuilder();
        CambridgeHtml.Open(html, $"Browse the English Dictionary: {letter}", Browse(letter), "break default_layout");
        html.Append("<div class=\"hfl-s lt2b lmt-10 lmb-25 lp-s_r-20\"><ul class=\"hul-i hul-ib lm-0\">");
        foreach (var other in Letters)
            html.Append("<li><a class=\"hbtn hbtn-tab-b tc-d tb bw\" href=\"").Append(Browse(other)).Append("\">").Append(other).Append("</a></li>");
        html.Append("</ul><div class=\"hdf ff-50 lmt-15 i-browse\">");
        foreach (var range in ranges)
        {
            html.Append("<a class=\"hlh32 hdb dil tcbd\" href=\"").Append(Browse(letter, range[0].Slug)).Append("\" title=\"").Append(CambridgeHtml.Encode(range[0].Headword)).Append("\">")
                .Append("<span class=\"hw haf\">").Append(CambridgeHtml.Encode(range[0].Headword)).Append("</span> <span class=\"hdib\">...</span> ")
                .Append("<span class=\"hw haf\">").Append(CambridgeHtml.Encode(range[^1].Headword)).Append("</span></a>");
        }
        html.Append("</div></div>\n");
        CambridgeHtml.Advert(html, "ad_btmslot");
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
        html.Append("<div class=\"hfl-s lt2b lmt-10 lmb-25 lp-s_r-20\"><h1 class=\"fs36\">").Append(CambridgeHtml.Encode(ranges[at][0].Headword)).Append(" … ")
            .Append(CambridgeHtml.Encode(ranges[at][^1].Headword)).Append("</h1><div class=\"hdf ff-50 lmt-15 i-browse\">");
        foreach (var entry in listed)
            Link(html, entry.Slug, entry.Headword, entry.Blocks[0].Kind == EntryBlockKind.Idiom ? "idiom" : null);
        if (letter == Letters.First() && at == 0)
        {
            Link(html, lexicon.MissingSlug, lexicon.MissingSlug.Replace('-', ' '), null);
            Link(html, ranges[at][0].Slug, ranges[at][0].Headword, null);
        }
        html.Append("</div></div>\n");
        CambridgeHtml.Advert(html, "ad_btmslot");
        CambridgeHtml.Close(html);
        return html.ToString();
    }

    private static void Link(StringBuilder html, string slug, string headword, string? label)
    {
        html.Append("<div class=\"hlh32 han\"><a class=\"tc-bd\" title=\"").Append(CambridgeHtml.Encode(headword)).Append("\" href=\"")
            .Append(CambridgeHtml.EntryHref(CambridgeLexicon.Dictionary, slug)).Append("\"><span class=\"hw haf\">").Append(CambridgeHtml.Encode(headword)).Append("</span>");
        if (label is not null)
            html.Append(" <span class=\"pos\">").Append(label).Append("</span>");
        html.Append("</a></div>");
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
}
