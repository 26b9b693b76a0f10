using System.Net;
using System.Text;
using AudioCrawl.SampleSite.Cambridge;
using AudioCrawl.Testing;
using Xunit;

namespace AudioCrawl.SampleSite.Tests.Cambridge;

public sealed class CambridgeMirrorTests
{
    [Fact]
    public void The_same_seed_and_count_give_the_same_dictionary_and_another_seed_a_different_one()
    {
        var first = new CambridgeLexicon(200, seed: 5);
        var again = new CambridgeLexicon(200, seed: 5);
        var other = new CambridgeLexicon(200, seed: 6);

        Assert.Equal(first.Entries.Select(e => (e.Headword, e.Blocks.Count)), again.Entries.Select(e => (e.Headword, e.Blocks.Count)));
        Assert.NotEqual(first.Entries.Select(e => e.Headword), other.Entries.Select(e => e.Headword));
        Assert.Equal(200, first.Entries.Select(e => e.Slug).Distinct().Count());
    }

    [Fact]
    public void The_lexicon_holds_every_case_the_spider_must_handle()
    {
        var entries = new CambridgeLexicon(300).Entries;

        Assert.Contains(entries, e => !e.HasAudio);
        Assert.Contains(entries, e => e.AmericanSection);
        Assert.Contains(entries, e => e.Headword.Contains(' ') && e.Blocks[0].Kind == EntryBlockKind.PartOfSpeech);
        Assert.Contains(entries, e => e.Headword.Any(c => c > 127));
        Assert.Contains(entries, e => e.Headword.Contains('\'') && e.Blocks[0].Kind == EntryBlockKind.PartOfSpeech);
        Assert.Contains(entries, e => e.Headword.Any(char.IsUpper));
        Assert.Contains(entries, e => e.Blocks[0].Kind == EntryBlockKind.Idiom);
        Assert.Contains(entries, e => e.Blocks.Any(b => b.Kind == EntryBlockKind.PhrasalVerb));
        Assert.Contains(entries, e => e.Blocks[0].Uk is null);
        Assert.All(Enum.GetValues<AudioSourceStyle>(), style => Assert.Contains(entries, e => e.SourceStyle == style));
    }

    [Fact]
    public async Task Entry_pages_are_the_size_of_real_ones_with_their_noise()
    {
        var mirror = new CambridgeMirror(new CambridgeLexicon(50));
        await using var host = await SampleWeb.ServeAsync(mirror);
        using var client = new HttpClient();
        var entry = mirror.Lexicon.Entries[10];

        var html = await client.GetStringAsync(new Uri(host.BaseUrl, "/dictionary/english/" + Uri.EscapeDataString(entry.Slug)));

        Assert.InRange(Encoding.UTF8.GetByteCount(html), 75_000, 95_000);
        Assert.Contains("googletag", html, StringComparison.Ordinal);
        Assert.Contains("am-default contentslot", html, StringComparison.Ordinal);
        Assert.Contains("<header id=\"header\"", html, StringComparison.Ordinal);
        Assert.True(html.Split("def-block ddef_block").Length > 15, $"many definition blocks, not {html.Split("def-block ddef_block").Length - 1}");
        Assert.Contains("<span class=\"hw dhw\">" + WebUtility.HtmlEncode(entry.Headword) + "</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serves_robots_audio_and_redirects_unknown_words_home_and_unknown_searches_to_spellcheck()
    {
        var mirror = new CambridgeMirror(new CambridgeLexicon(50));
        await using var host = await SampleWeb.ServeAsync(mirror);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var audio = mirror.Lexicon.Entries.SelectMany(e => e.Blocks).SelectMany(b => b.Pronunciations).First(p => p.HasAudio);

        var robots = await client.GetStringAsync(new Uri(host.BaseUrl, "/robots.txt"));
        var mp3 = await client.GetAsync(new Uri(host.BaseUrl, audio.Mp3Path("english")));
        var unknownAudio = await client.GetAsync(new Uri(host.BaseUrl, "/media/english/uk_pron/x/xx/xxxxx/nothing.mp3"));
        var unknownWord = await client.GetAsync(new Uri(host.BaseUrl, "/dictionary/english/qwertyuiop"));
        var unknownSearch = await client.GetAsync(new Uri(host.BaseUrl, "/search/english/direct/?q=qwertyuiop"));

        Assert.Contains("Disallow: /spellcheck/", robots, StringComparison.Ordinal);
        Assert.Contains("Disallow: /browse/", robots, StringComparison.Ordinal);
        Assert.Equal("audio/mpeg", mp3.Content.Headers.ContentType?.MediaType);
        var bytes = await mp3.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xFF, 0xFB], bytes[..2]);
        Assert.Equal(HttpStatusCode.NotFound, unknownAudio.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, unknownWord.StatusCode);
        Assert.Equal("/dictionary/english/", unknownWord.Headers.Location?.OriginalString);
        Assert.Equal("/spellcheck/english/?q=qwertyuiop", unknownSearch.Headers.Location?.OriginalString);
    }

    [Fact]
    public void Silent_mp3_frames_are_well_formed_mpeg1_layer3()
    {
        var mp3 = SilentMp3.Create(0.5);

        Assert.Equal(0, mp3.Length % 144);
        for (var offset = 0; offset < mp3.Length; offset += 144)
            Assert.Equal(new byte[] { 0xFF, 0xFB, 0x18, 0xC4 }, mp3[offset..(offset + 4)]);
        Assert.InRange(mp3.Length / 144 * 1152 / 32000.0, 0.5, 0.55);
    }

    [Fact]
    public async Task The_static_export_writes_every_page_and_recording_of_the_mirror()
    {
        var mirror = new CambridgeMirror(new CambridgeLexicon(60), pageBytes: 20_000);
        using var folder = new TempDirectory();

        var written = await mirror.WriteStaticAsync(folder.Path, new Uri("http://127.0.0.1:8089/"));

        Assert.True(File.Exists(folder.File("robots.txt")));
        Assert.True(File.Exists(Path.Combine(folder.Path, "sitemap", "english", "sitemap1.xml")));
        Assert.Contains("<loc>http://127.0.0.1:8089/dictionary/english/", await File.ReadAllTextAsync(Path.Combine(folder.Path, "sitemap", "english", "sitemap1.xml")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder.Path, "browse", "english", "index.html")));
        Assert.All(mirror.Lexicon.Entries, e => Assert.True(File.Exists(Path.Combine(folder.Path, "dictionary", "english", e.Slug + ".html")), e.Slug));
        var expected = mirror.ExpectedPairs(new Uri("http://127.0.0.1/"));
        Assert.All(expected, p => Assert.True(File.Exists(Path.Combine(folder.Path, new Uri(p.Url).AbsolutePath.TrimStart('/').Replace('/', Path.DirectorySeparatorChar))), p.Url));
        Assert.Equal(written, Directory.EnumerateFiles(folder.Path, "*", SearchOption.AllDirectories).Count());
        var page = await File.ReadAllTextAsync(Path.Combine(folder.Path, "dictionary", "english", mirror.Lexicon.Entries[0].Slug + ".html"));
        Assert.DoesNotContain("//127.0.0.1", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_live_robots_txt_closes_browse_search_and_autocomplete_to_every_agent_and_withdraws_a_few_entries()
    {
        var mirror = new CambridgeMirror(new CambridgeLexicon(300));
        await using var host = await SampleWeb.ServeAsync(mirror);
        using var client = new HttpClient();

        var robots = Crawler.Abstractions.Politeness.RobotsTxt.Parse(await client.GetStringAsync(new Uri(host.BaseUrl, "/robots.txt")));

        Assert.NotEmpty(mirror.Withdrawn);
        foreach (var agent in new[] { "AudioCrawl", "Scrapy", "GPTBot" })
        {
            Assert.False(robots.IsAllowed(new Uri(host.BaseUrl, "/browse/english/"), agent), agent);
            Assert.False(robots.IsAllowed(new Uri(host.BaseUrl, "/search/direct/?q=work"), agent), agent);
            Assert.False(robots.IsAllowed(new Uri(host.BaseUrl, "/autocomplete/english/?q=wo"), agent), agent);
        }
        var kept = mirror.Lexicon.Entries.First(e => !mirror.Withdrawn.Contains(e));
        Assert.True(robots.IsAllowed(new Uri(host.BaseUrl, "/dictionary/english/" + Uri.EscapeDataString(kept.Slug)), "AudioCrawl"));
        Assert.All(mirror.Withdrawn, e => Assert.False(robots.IsAllowed(new Uri(host.BaseUrl, "/dictionary/english/" + e.Slug), "AudioCrawl")));
        Assert.All(mirror.Withdrawn, e => Assert.True(robots.IsAllowed(new Uri(host.BaseUrl, "/dictionary/english/" + e.Slug + "-longer"), "AudioCrawl")));
        Assert.Empty(robots.Sitemaps);
    }

    [Fact]
    public async Task The_permissive_robots_txt_opens_the_browse_pages_and_withdraws_nothing()
    {
        var mirror = new CambridgeMirror(new CambridgeLexicon(300), options: CambridgeMirrorOptions.Permissive);
        await using var host = await SampleWeb.ServeAsync(mirror);
        using var client = new HttpClient();

        var robots = Crawler.Abstractions.Politeness.RobotsTxt.Parse(await client.GetStringAsync(new Uri(host.BaseUrl, "/robots.txt")));

        Assert.True(robots.IsAllowed(new Uri(host.BaseUrl, "/browse/english/a/"), "AudioCrawl"));
        Assert.False(robots.IsAllowed(new Uri(host.BaseUrl, "/search/direct/?q=work"), "AudioCrawl"));
        Assert.Empty(mirror.Withdrawn);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Sitemaps_list_every_entry_once_in_numbered_files_named_by_robots_txt_when_asked(bool index)
    {
        var mirror = new CambridgeMirror(new CambridgeLexicon(120), options: new CambridgeMirrorOptions { SitemapInRobots = true, SitemapIndex = index, UrlsPerSitemap = 50 });
        await using var host = await SampleWeb.ServeAsync(mirror);
        using var client = new HttpClient();

        var robots = Crawler.Abstractions.Politeness.RobotsTxt.Parse(await client.GetStringAsync(new Uri(host.BaseUrl, "/robots.txt")));
        var files = new List<string>();
        for (var number = 1; number <= 3; number++)
            files.Add(await client.GetStringAsync(new Uri(host.BaseUrl, $"/sitemap/english/sitemap{number}.xml")));
        var missing = await client.GetAsync(new Uri(host.BaseUrl, "/sitemap/english/sitemap4.xml"));
        var indexResponse = await client.GetAsync(new Uri(host.BaseUrl, "/sitemap/english/sitemap.xml"));

        var locations = files.SelectMany(f => System.Xml.Linq.XDocument.Parse(f).Descendants().Where(e => e.Name.LocalName == "loc").Select(e => new Uri(e.Value))).ToArray();
        var entries = locations.Where(u => u.AbsolutePath.StartsWith("/dictionary/english/", StringComparison.Ordinal)).Select(u => Uri.UnescapeDataString(u.AbsolutePath["/dictionary/english/".Length..])).ToArray();
        Assert.Equal(mirror.Lexicon.Entries.Select(e => e.Slug).Order(StringComparer.Ordinal), entries.Order(StringComparer.Ordinal));
        Assert.Contains(locations, u => u.AbsolutePath == "/browse/english/");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(index ? HttpStatusCode.OK : HttpStatusCode.NotFound, indexResponse.StatusCode);
        var english = robots.Sitemaps.Where(u => u.AbsolutePath.StartsWith("/sitemap/english/", StringComparison.Ordinal)).Select(u => u.AbsolutePath).ToArray();
        Assert.Equal(index ? ["/sitemap/english/sitemap.xml"] : ["/sitemap/english/sitemap1.xml", "/sitemap/english/sitemap2.xml", "/sitemap/english/sitemap3.xml"], english);
        Assert.Contains(robots.Sitemaps, u => u.AbsolutePath.StartsWith("/sitemap/" + CambridgeSitemaps.OtherDictionary + "/", StringComparison.Ordinal));
        if (index)
            Assert.Contains("<sitemapindex", await indexResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CambridgeBrowseMarkup.Live, "class=\"hlh32 hdb dil tcbd\"", "class=\"cpage\"")]
    [InlineData(CambridgeBrowseMarkup.Alternate, "class=\"wordlist__item\"", "<main")]
    public void Browse_pages_come_in_the_live_markup_or_an_alternate_one_without_the_old_i_browse_block(CambridgeBrowseMarkup markup, string item, string container)
    {
        var pages = new CambridgeBrowsePages(new CambridgeLexicon(120), markup);
        var letter = pages.Letters.First();

        var letterPage = pages.Letter(letter)!;
        var rangePage = pages.Range(letter, pages.RangeNames(letter).First())!;

        Assert.All(new[] { letterPage, rangePage }, html =>
        {
            Assert.Contains(item, html, StringComparison.Ordinal);
            Assert.Contains(container, html, StringComparison.Ordinal);
            Assert.DoesNotContain("class=\"hdf ff-50 lmt-15 i-browse\"", html, StringComparison.Ordinal);
            Assert.Contains(pages.WidgetRangeLinks(letter).First(), html, StringComparison.Ordinal);
        });
    }
}
