using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AudioCrawl.SampleSite.Cambridge;

/// <summary>
/// A generated local mirror of Cambridge Dictionary for the <c>cambridge</c> spider: robots.txt (the live rules by
/// default, see <see cref="CambridgeMirrorOptions"/>), per-dictionary sitemaps, the browse index, letter and range
/// pages, entry pages at <c>/dictionary/english/&lt;slug&gt;</c> (unknown words answer 302 to the dictionary's home
/// page and unknown searches redirect to the spell-check page, as on the real site), and the recordings under
/// <c>/media/english/uk_pron/...</c> and <c>us_pron/...</c>. Deterministic from its seed, entry count and options.
/// </summary>
public sealed class CambridgeMirror(CambridgeLexicon? lexicon = null, int pageBytes = CambridgeEntryPage.TargetBytes, CambridgeMirrorOptions? options = null) : ISampleSite
{
    private readonly CambridgeLexicon _lexicon = lexicon ?? new CambridgeLexicon();
    private byte[]? _mp3;
    private byte[]? _ogg;

    public string Name => "cambridge";

    public string Spider => "cambridge";

    public CambridgeLexicon Lexicon => _lexicon;

    public CambridgeMirrorOptions Options { get; } = options ?? CambridgeMirrorOptions.Live;

    /// <summary>Entries the live robots.txt disallows one by one (none under the permissive rules): the sitemaps still list them.</summary>
    public IReadOnlyList<LexiconEntry> Withdrawn => field ??= Options.Robots == CambridgeRobotsRules.Live ? _lexicon.Entries.Where(IsWithdrawnUnderLiveRules).ToArray() : [];

    /// <summary>Plain entries with UK and US audio, one in about a hundred, chosen by creation index so a test can avoid them.</summary>
    public static bool IsWithdrawnUnderLiveRules(LexiconEntry entry) => entry.Index % 101 == 60;

    public CambridgeBrowsePages BrowsePages => field ??= new CambridgeBrowsePages(_lexicon, Options.BrowseMarkup);

    public CambridgeSitemaps Sitemaps => field ??= new CambridgeSitemaps(_lexicon, Options);

    private CambridgeEntryPage EntryPages => field ??= new CambridgeEntryPage(_lexicon, pageBytes);

    private byte[] Mp3 => _mp3 ??= SilentMp3.Create();

    // No Ogg encoder is at hand offline: the .ogg URLs serve a WAV tone, labelled as what it is.
    private byte[] Ogg => _ogg ??= WavTone.Create(440);

    public void Map(IEndpointRouteBuilder routes)
    {
        const string dictionary = CambridgeLexicon.Dictionary;
        routes.MapGet("/robots.txt", (HttpContext context) => Results.Text(RobotsTxt(Origin(context)), "text/plain"));
        routes.MapGet("/sitemap/{dictionary}/{file}", (string dictionary, string file, HttpContext context) =>
            Sitemap(dictionary, file, Origin(context)) is { } xml ? Results.Text(xml, "application/xml", Encoding.UTF8) : Results.NotFound());
        routes.MapGet("/", () => Html($"<!DOCTYPE html><html><body><a href=\"{CambridgeBrowsePages.Browse()}\">Browse the English Dictionary</a></body></html>"));
        routes.MapGet($"/browse/{dictionary}", (HttpContext context) => Html(BrowsePages.Index(Origin(context))));
        routes.MapGet($"/browse/{dictionary}/{{letter}}", (string letter) => BrowsePages.Letter(letter) is { } page ? Html(page) : Results.NotFound());
        routes.MapGet($"/browse/{dictionary}/{{letter}}/{{range}}", (string letter, string range) => BrowsePages.Range(letter, range) is { } page ? Html(page) : Results.NotFound());
        routes.MapGet($"/dictionary/{dictionary}", () => Html(Home()));
        routes.MapGet($"/dictionary/{dictionary}/{{slug}}", (string slug, HttpContext context) =>
            _lexicon.Find(slug) is { } entry
                ? Html(EntryPages.Render(entry, Origin(context)))
                : Results.Redirect($"/dictionary/{dictionary}/"));
        routes.MapGet($"/search/{dictionary}/direct", (string? q) =>
            q is not null && _lexicon.Find(CambridgeLexicon.SlugOf(q)) is { } entry
                ? Results.Redirect(CambridgeHtml.EntryHref(dictionary, entry.Slug))
                : Results.Redirect($"/spellcheck/{dictionary}/?q={Uri.EscapeDataString(q ?? "")}"));
        routes.MapGet($"/spellcheck/{dictionary}", (string? q) => Html(SpellCheck(q ?? "")));
        routes.MapGet($"/media/{dictionary}/{{folder}}/{{**key}}", (string folder, string key) => Audio(folder, key));
    }

    public IReadOnlyList<(string Url, string Text)> ExpectedPairs(Uri baseUrl) => ExpectedPairs(baseUrl, mp3: true, ogg: false);

    /// <summary>
    /// The pairs of a correct crawl that obeys robots.txt: per entry page that robots.txt allows, each distinct
    /// recording once, with its block's headword.
    /// </summary>
    public IReadOnlyList<(string Url, string Text)> ExpectedPairs(Uri baseUrl, bool mp3, bool ogg)
    {
        var pairs = new List<(string, string)>();
        foreach (var entry in _lexicon.Entries.Except(Withdrawn))
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var block in entry.Blocks)
            {
                foreach (var pronunciation in block.Pronunciations.Where(p => p.HasAudio))
                {
                    if (mp3 && seen.Add(pronunciation.Mp3Path(CambridgeLexicon.Dictionary)))
                        pairs.Add((new Uri(baseUrl, pronunciation.Mp3Path(CambridgeLexicon.Dictionary)).AbsoluteUri, block.Headword));
                    if (ogg && seen.Add(pronunciation.OggPath(CambridgeLexicon.Dictionary)))
                        pairs.Add((new Uri(baseUrl, pronunciation.OggPath(CambridgeLexicon.Dictionary)).AbsoluteUri, block.Headword));
                }
            }
        }
        return pairs;
    }

    /// <summary>
    /// Writes the same mirror as static files under <paramref name="folder"/>, for a real web server. Links and audio
    /// sources are root-relative, so the folder works at any origin. Layout: <c>robots.txt</c>,
    /// <c>browse/english/[letter/[range/]]index.html</c>, <c>dictionary/english/&lt;slug&gt;.html</c> (the slug
    /// unescaped, UTF-8), <c>media/english/{uk,us}_pron/…/*.mp3</c> and <c>{uk,us}_pron_ogg/…/*.ogg</c>, and, when
    /// <paramref name="origin"/> is given (sitemaps hold absolute URLs), <c>sitemap/{dictionary}/sitemap[N].xml</c>.
    /// nginx serves it with <c>location /dictionary/ { default_type text/html; try_files $uri $uri.html =404; }</c>;
    /// unknown words then get a 404, which the spider counts as not found, like the real site's redirect.
    /// Returns the number of files written.
    /// </summary>
    public async Task<int> WriteStaticAsync(string folder, Uri? origin = null, CancellationToken cancellationToken = default)
    {
        var written = 0;
        async Task WriteAsync(string relative, string text)
        {
            await WriteBytesAsync(relative, Encoding.UTF8.GetBytes(text)).ConfigureAwait(false);
        }
        async Task WriteBytesAsync(string relative, byte[] bytes)
        {
            var path = Path.Combine(folder, relative.TrimStart('/').Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, bytes, cancellationToken).ConfigureAwait(false);
            written++;
        }

        await WriteAsync("robots.txt", origin is null ? RobotsTxtWithoutSitemaps() : RobotsTxt(origin)).ConfigureAwait(false);
        if (origin is not null)
        {
            foreach (var dictionary in Sitemaps.Dictionaries)
            {
                if (Sitemaps.Index(dictionary, origin) is { } index)
                    await WriteAsync(CambridgeSitemaps.IndexPath(dictionary), index).ConfigureAwait(false);
                for (var number = 1; number <= Sitemaps.FileCount(dictionary); number++)
                    await WriteAsync(CambridgeSitemaps.FilePath(dictionary, number), Sitemaps.UrlSet(dictionary, number, origin)!).ConfigureAwait(false);
            }
        }
        await WriteAsync(CambridgeBrowsePages.Browse() + "index.html", BrowsePages.Index(null)).ConfigureAwait(false);
        foreach (var letter in BrowsePages.Letters)
        {
            await WriteAsync($"/browse/{CambridgeLexicon.Dictionary}/{letter}/index.html", BrowsePages.Letter(letter)!).ConfigureAwait(false);
            foreach (var range in BrowsePages.RangeNames(letter))
                await WriteAsync($"/browse/{CambridgeLexicon.Dictionary}/{letter}/{range}/index.html", BrowsePages.Range(letter, range)!).ConfigureAwait(false);
        }
        foreach (var entry in _lexicon.Entries)
        {
            await WriteAsync($"/dictionary/{CambridgeLexicon.Dictionary}/{entry.Slug}.html", EntryPages.Render(entry, null)).ConfigureAwait(false);
            foreach (var pronunciation in entry.Blocks.SelectMany(b => b.Pronunciations).Where(p => p.HasAudio).Distinct())
            {
                await WriteBytesAsync(pronunciation.Mp3Path(CambridgeLexicon.Dictionary), Mp3).ConfigureAwait(false);
                await WriteBytesAsync(pronunciation.OggPath(CambridgeLexicon.Dictionary), Ogg).ConfigureAwait(false);
            }
        }
        return written;
    }

    /// <summary>The robots.txt the mirror serves at <paramref name="origin"/> (its <c>Sitemap:</c> lines are absolute).</summary>
    public string RobotsTxt(Uri origin) => CambridgeRobotsTxt.Render(Options, Withdrawn, Sitemaps.RobotsLines(origin));

    private string RobotsTxtWithoutSitemaps() => CambridgeRobotsTxt.Render(Options, Withdrawn, []);

    private string? Sitemap(string dictionary, string file, Uri origin)
    {
        if (file == "sitemap.xml")
            return Sitemaps.Index(dictionary, origin);
        const string prefix = "sitemap", suffix = ".xml";
        if (!file.StartsWith(prefix, StringComparison.Ordinal) || !file.EndsWith(suffix, StringComparison.Ordinal))
            return null;
        var digits = file[prefix.Length..^suffix.Length];
        return digits.Length is > 0 and < 6 && digits.All(char.IsAsciiDigit) && digits[0] != '0'
            ? Sitemaps.UrlSet(dictionary, int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture), origin)
            : null;
    }

    private IResult Audio(string folder, string key)
    {
        var (region, ogg) = folder switch
        {
            "uk_pron" => ("uk", false),
            "us_pron" => ("us", false),
            "uk_pron_ogg" => ("uk", true),
            "us_pron_ogg" => ("us", true),
            _ => (null, false),
        };
        var extension = ogg ? ".ogg" : ".mp3";
        if (region is null || !key.EndsWith(extension, StringComparison.Ordinal) || !_lexicon.HasAudio(region, key[..^extension.Length]))
            return Results.NotFound();
        return ogg ? Results.Bytes(Ogg, "audio/wav") : Results.Bytes(Mp3, "audio/mpeg");
    }

    private static string Home()
    {
        var html = new StringBuilder();
        CambridgeHtml.Open(html, "Cambridge English Dictionary: Meanings & Definitions", $"/dictionary/{CambridgeLexicon.Dictionary}/", "break default_layout");
        html.Append("<div class=\"hfl-s lt2b lmt-10 lmb-25 lp-s_r-20\"><h1 class=\"fs36\">Meaning of words in English</h1>")
            .Append("<p>The most popular dictionary and thesaurus for learners of English.</p><p><a href=\"").Append(CambridgeBrowsePages.Browse()).Append("\">Browse</a></p></div>\n");
        CambridgeHtml.Close(html);
        return html.ToString();
    }

    private static string SpellCheck(string query)
    {
        var html = new StringBuilder();
        CambridgeHtml.Open(html, "Spellcheck | Cambridge Dictionary", $"/spellcheck/{CambridgeLexicon.Dictionary}/", "break default_layout");
        html.Append("<div class=\"hfl-s lt2b lmt-10 lmb-25 lp-s_r-20\"><h1 class=\"fs36\">We have these words with similar spellings or pronunciations:</h1>")
            .Append("<p>Your search for <b>").Append(CambridgeHtml.Encode(query)).Append("</b> did not match any entries.</p><ul class=\"hul-u\">")
            .Append("<li><a href=\"/dictionary/english/work\">work</a></li><li><a href=\"/dictionary/english/word\">word</a></li></ul></div>\n");
        CambridgeHtml.Close(html);
        return html.ToString();
    }

    private static Uri Origin(HttpContext context) => new($"{context.Request.Scheme}://{context.Request.Host}/");

    private static IResult Html(string html) => Results.Content(html, "text/html; charset=utf-8");
}
