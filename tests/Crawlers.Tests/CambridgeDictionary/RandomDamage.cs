using AngleSharp.Html.Parser;
using Crawlers.CambridgeDictionary;
using Xunit;

namespace Crawlers.Tests.CambridgeDictionary;

/// <summary>
/// Damages entry pages at random tag boundaries with the sloppy edits a real page may carry, and requires that the
/// streaming reader either agrees with the DOM parser on each damaged page or hands it over.
/// </summary>
internal static class RandomDamage
{
    public static readonly string[] Edits =
    [
        "</span>", "</div>", "</p>", "</li>", "</b>", "</a>", "<p>", "<li>", "<b>", "<i>", "<span>", "<div>",
        "<br/>", "<hr>", "<p class=\"hw dhw\">", "<table><tr><td>", "</td></tr></table>", "<a href=/x>",
        "<!-- <span class=\"uk dpron-i\"> -->", "<script>'</div>'</script>", "<svg><path/></svg>", "<dd>", "<dt>",
        "<select><option>", "<span class=\"us dpron-i\">", "<div class=\"pr entry-body__el\">", "<source src=/s.mp3>",
        "<noscript>", "</noscript>", "<textarea>x", "</select>", "<form>", "<button>", "<h2>", "</h2>", "<object>",
        "<math><mi>x</mi>", "<span class=ipa>ə</span>", "<span class=\"region\">US</span>", "<audio src=/a.ogg>",
        "<span data-src-mp3=\"/d.mp3\" data-src-ogg=/d.ogg>", "<div class=\"pos-header\"><span class=\"us\">", "<span class=uk>",
        "<b><i>x</b></i>", "<template>", "</template>", "<template class=\"uk dpron-i\"><span class=ipa>t</span>", "<DIV CLASS='pv-block'>", "&amp;&lt;", "<ul>", "</ul>", "<caption>", "<frameset>",
    ];

    /// <returns>How many damaged pages the scanner read itself (each one checked against the DOM parser).</returns>
    public static int CountAgreements(IEnumerable<(string Html, Uri Url)> pages, Random random, int attempts)
    {
        var agreed = 0;
        foreach (var (html, url) in pages)
        {
            for (var attempt = 0; attempt < attempts; attempt++)
            {
                var damaged = html;
                var made = new List<string>();
                for (var edit = random.Next(1, 4); edit > 0; edit--)
                {
                    var at = damaged.IndexOf('<', random.Next(damaged.Length));
                    var inserted = Edits[random.Next(Edits.Length)];
                    if (at < 0)
                        continue;
                    made.Add($"{inserted} before ...{damaged.Substring(Math.Max(0, at - 80), Math.Min(160, damaged.Length - Math.Max(0, at - 80)))}...");
                    damaged = damaged.Insert(at, inserted);
                }
                var streamed = CambridgeEntryScanner.TryParse(damaged, url, out _);
                if (streamed is null)
                    continue;
                var dom = CambridgeEntryParser.Parse(new HtmlParser().ParseDocument(damaged), url);
                Assert.True(dom.BlockCount == streamed.BlockCount && dom.Pronunciations.SequenceEqual(streamed.Pronunciations),
                    $"the scanner guessed wrong on {url}; edits:\n{string.Join("\n", made)}\nDOM: {dom.BlockCount} {string.Join("; ", dom.Pronunciations)}\nscanner: {streamed.BlockCount} {string.Join("; ", streamed.Pronunciations)}");
                agreed++;
            }
        }
        return agreed;
    }
}
