using System.Globalization;
using System.Security;
using System.Text;

namespace AudioCrawl.SampleSite.Cambridge;

/// <summary>
/// The mirror's sitemaps, in the shape public crawlers of the live site read: per dictionary, numbered url sets at
/// <c>/sitemap/{dictionary}/sitemapN.xml</c> (entry URLs with a <c>lastmod</c>; the last file also lists the
/// browse pages, which robots.txt may close), and optionally an index of them at <c>/sitemap/{dictionary}/sitemap.xml</c>.
/// A second dictionary (<see cref="OtherDictionary"/>) has its own small sitemap whose entries the mirror does not serve:
/// a crawler of one dictionary must leave it alone.
/// </summary>
public sealed class CambridgeSitemaps(CambridgeLexicon lexicon, CambridgeMirrorOptions options)
{
    public const string OtherDictionary = "english-chinese-simplified";
    private const int OtherDictionaryUrls = 10;
    private static readonly DateTime FirstEdit = new(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    public IReadOnlyList<string> Dictionaries { get; } = [CambridgeLexicon.Dictionary, OtherDictionary];

    public static string IndexPath(string dictionary) => $"/sitemap/{dictionary}/sitemap.xml";

    public static string FilePath(string dictionary, int number) => $"/sitemap/{dictionary}/sitemap{number.ToString(CultureInfo.InvariantCulture)}.xml";

    /// <summary>How many numbered files a dictionary has: at least one.</summary>
    public int FileCount(string dictionary) => dictionary == CambridgeLexicon.Dictionary
        ? Math.Max(1, (lexicon.Entries.Count + options.UrlsPerSitemap - 1) / options.UrlsPerSitemap)
        : dictionary == OtherDictionary ? 1 : 0;

    /// <summary>The absolute sitemap URLs robots.txt names, or none when the options keep them out of it.</summary>
    public IEnumerable<string> RobotsLines(Uri origin)
    {
        if (!options.SitemapInRobots)
            yield break;
        foreach (var dictionary in Dictionaries)
        {
            if (options.SitemapIndex)
                yield return new Uri(origin, IndexPath(dictionary)).AbsoluteUri;
            else
            {
                for (var number = 1; number <= FileCount(dictionary); number++)
                    yield return new Uri(origin, FilePath(dictionary, number)).AbsoluteUri;
            }
        }
    }

    public string? Index(string dictionary, Uri origin)
    {
        if (!options.SitemapIndex || FileCount(dictionary) == 0)
            return null;
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for (var number = 1; number <= FileCount(dictionary); number++)
        {
            xml.Append("<sitemap><loc>").Append(Escape(new Uri(origin, FilePath(dictionary, number)).AbsoluteUri)).Append("</loc><lastmod>")
                .Append(Date(FirstEdit.AddDays(200 + number))).Append("</lastmod></sitemap>\n");
        }
        return xml.Append("</sitemapindex>\n").ToString();
    }

    public string? UrlSet(string dictionary, int number, Uri origin)
    {
        if (number < 1 || number > FileCount(dictionary))
            return null;
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        if (dictionary == OtherDictionary)
        {
            foreach (var entry in lexicon.Entries.Take(OtherDictionaryUrls))
                Url(xml, new Uri(origin, CambridgeHtml.EntryHref(OtherDictionary, entry.Slug)), entry.Index, "0.8");
            return xml.Append("</urlset>\n").ToString();
        }
        foreach (var entry in lexicon.Entries.Skip((number - 1) * options.UrlsPerSitemap).Take(options.UrlsPerSitemap))
            Url(xml, new Uri(origin, CambridgeHtml.EntryHref(dictionary, entry.Slug)), entry.Index, "0.8");
        if (number == FileCount(dictionary))
        {
            Url(xml, new Uri(origin, CambridgeBrowsePages.Browse()), 0, "0.5");
            foreach (var letter in lexicon.Entries.Select(e => e.Letter).Distinct().Order(StringComparer.Ordinal))
                Url(xml, new Uri(origin, CambridgeBrowsePages.Browse(letter)), 0, "0.5");
        }
        return xml.Append("</urlset>\n").ToString();
    }

    private static void Url(StringBuilder xml, Uri location, int edit, string priority) =>
        xml.Append("<url><loc>").Append(Escape(location.AbsoluteUri)).Append("</loc><lastmod>").Append(Date(FirstEdit.AddDays(edit * 7 % 365)))
            .Append("</lastmod><changefreq>monthly</changefreq><priority>").Append(priority).Append("</priority></url>\n");

    private static string Date(DateTime day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Escape(string text) => SecurityElement.Escape(text);
}
