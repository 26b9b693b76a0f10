using System.Text;

namespace AudioCrawl.SampleSite.Cambridge;

/// <summary>
/// The mirror's robots.txt. The live rules close the browse, search and autocomplete pages to every crawler and
/// open <c>/dictionary/</c>, as dictionary.cambridge.org does; a few entries are withdrawn (disallowed one by one,
/// anchored with <c>$</c>) so a test can see that a sitemap listing them is no licence to fetch them. The permissive
/// rules open the browse pages and withdraw nothing.
/// </summary>
internal static class CambridgeRobotsTxt
{
    public static string Render(CambridgeMirrorOptions options, IEnumerable<LexiconEntry> withdrawn, IEnumerable<string> sitemaps)
    {
        var text = new StringBuilder();
        if (options.Robots == CambridgeRobotsRules.Live)
        {
            text.Append("# Cambridge Dictionary\n\nUser-agent: *\nDisallow: /browse/\nDisallow: /search/\nDisallow: /autocomplete/\n")
                .Append("Disallow: /spellcheck/\nDisallow: /auth/\nDisallow: /private/\n");
            foreach (var entry in withdrawn)
                text.Append("Disallow: ").Append(CambridgeHtml.EntryHref(CambridgeLexicon.Dictionary, entry.Slug)).Append("$\n");
            text.Append("Allow: /dictionary/\n\nUser-agent: GPTBot\nUser-agent: CCBot\nDisallow: /\n");
        }
        else
        {
            text.Append("User-agent: *\nDisallow: /search/\nDisallow: /autocomplete/\nDisallow: /spellcheck/\nDisallow: /auth/\nDisallow: /private/\n");
        }
        var first = true;
        foreach (var sitemap in sitemaps)
        {
            text.Append(first ? "\n" : "").Append("Sitemap: ").Append(sitemap).Append('\n');
            first = false;
        }
        return text.ToString();
    }
}
