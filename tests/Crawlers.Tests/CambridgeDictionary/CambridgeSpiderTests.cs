using AudioCrawl.SampleSite.Cambridge;
using AudioCrawl.Testing;
using Crawler.Core.Engine;
using Crawlers.CambridgeDictionary;
using Xunit;

namespace Crawlers.Tests.CambridgeDictionary;

public sealed class CambridgeSpiderTests
{
    private static readonly CambridgeLexicon Lexicon = new(entryCount: 120, seed: 7);

    // Entries the live robots.txt withdraws are never fetched: the word-list tests pick others.
    private static LexiconEntry Pick(Func<LexiconEntry, bool> predicate) => Lexicon.Entries.First(e => predicate(e) && !CambridgeMirror.IsWithdrawnUnderLiveRules(e));

    private static bool IsPlain(LexiconEntry e) =>
        e.Blocks.Count == 1 && e.Blocks[0].Kind == EntryBlockKind.PartOfSpeech && e.Blocks[0].Uk is { HasAudio: true } && e.Blocks[0].Us is { HasAudio: true } && !e.AmericanSection;

    private static (string, string)[] Expected(LexiconEntry entry, Uri baseUrl) =>
        new CambridgeMirror(Lexicon).ExpectedPairs(baseUrl).Where(p => entry.Blocks.Any(b => b.Headword == p.Text)).ToArray();

    [Fact]
    public async Task A_common_word_yields_its_uk_and_us_recordings_with_tags_and_original_data()
    {
        var entry = Pick(e => IsPlain(e) && e.Headword.All(char.IsAsciiLetterLower));
        await using var server = await LoopbackServer.StartAsync(new CambridgeMirror(Lexicon));

        var (pairs, stats) = await CambridgeCrawl.RunAsync(server.BaseUrl, ("words", entry.Headword));

        Assert.Equal(2, pairs.Count);
        var uk = Assert.Single(pairs, p => p.Tags[0] == "uk");
        var us = Assert.Single(pairs, p => p.Tags[0] == "us");
        Assert.Equal(new Uri(server.BaseUrl, entry.Blocks[0].Uk!.Mp3Path("english")), uk.Url);
        Assert.Equal(new Uri(server.BaseUrl, entry.Blocks[0].Us!.Mp3Path("english")), us.Url);
        Assert.All(pairs, p => Assert.Equal(entry.Headword, p.Text));
        Assert.Equal(["uk", entry.Blocks[0].PartOfSpeech], uk.Tags);
        Assert.Equal(entry.Blocks[0].Uk!.Ipa, (string?)uk.OriginalData!["ipa"]);
        Assert.Equal("uk", (string?)uk.OriginalData["region"]);
        Assert.Equal(entry.Blocks[0].PartOfSpeech, (string?)uk.OriginalData["pos"]);
        Assert.Equal("english", (string?)uk.OriginalData["dictionary"]);
        Assert.Equal(new Uri(server.BaseUrl, $"/dictionary/english/{entry.Slug}").AbsoluteUri, (string?)uk.OriginalData["entry_url"]);
        Assert.Equal(1, stats.Counters.GetValueOrDefault(CambridgeSpider.Entries));
    }

    [Fact]
    public async Task A_recording_repeated_across_blocks_and_sections_is_emitted_once()
    {
        var entry = Pick(e => e.AmericanSection);
        await using var server = await LoopbackServer.StartAsync(new CambridgeMirror(Lexicon));

        var (pairs, stats) = await CambridgeCrawl.RunAsync(server.BaseUrl, ("words", entry.Headword));

        Assert.Equal(2, entry.Blocks.Count);
        Assert.Equal(Expected(entry, server.BaseUrl).Order(), pairs.Select(p => (p.Url.AbsoluteUri, p.Text)).Order());
        Assert.Equal(2, pairs.Count);
        Assert.Equal(0, stats.ItemsDroppedByReason.Values.Sum());
    }

    [Fact]
    public async Task A_word_without_audio_yields_nothing_and_is_counted()
    {
        var entry = Pick(e => !e.HasAudio);
        await using var server = await LoopbackServer.StartAsync(new CambridgeMirror(Lexicon));

        var (pairs, stats) = await CambridgeCrawl.RunAsync(server.BaseUrl, ("words", entry.Headword));

        Assert.Empty(pairs);
        Assert.Equal(1, stats.Counters.GetValueOrDefault(CambridgeSpider.NoAudio));
        Assert.Equal(0, stats.Counters.GetValueOrDefault(CambridgeSpider.NotFound));
    }

    [Fact]
    public async Task A_multi_word_phrase_is_looked_up_with_hyphens_and_keeps_its_spaces()
    {
        var entry = Pick(e => e.Headword.Contains(' ') && e.Blocks[0].Kind == EntryBlockKind.PartOfSpeech && e.HasAudio);
        await using var server = await LoopbackServer.StartAsync(new CambridgeMirror(Lexicon));

        var (pairs, _) = await CambridgeCrawl.RunAsync(server.BaseUrl, ("words", "  " + entry.Headword.ToUpperInvariant().Replace(" ", "   ") + " "));

        Assert.Equal(1, server.Hits($"/dictionary/english/{entry.Headword.Replace(' ', '-')}"));
        Assert.NotEmpty(pairs);
        Assert.All(pairs, p => Assert.Equal(entry.Headword, p.Text));
        Assert.Contains(' ', pairs[0].Text);
    }

    [Fact]
    public async Task A_non_ascii_headword_is_percent_encoded_in_the_url_and_kept_in_the_text()
    {
        var entry = Pick(e => e.Headword.Any(c => c > 127) && e.HasAudio);
        await using var server = await LoopbackServer.StartAsync(new CambridgeMirror(Lexicon));

        var (pairs, _) = await CambridgeCrawl.RunAsync(server.BaseUrl, ("words", entry.Headword));

        Assert.Equal(1, server.Hits("/dictionary/english/" + entry.Slug)); // Kestrel records the decoded path
        Assert.All(pairs, p => Assert.EndsWith("/dictionary/english/" + Uri.EscapeDataString(entry.Slug), (string?)p.OriginalData!["entry_url"]));
        Assert.Contains("%C3", (string?)pairs[0].OriginalData!["entry_url"]);
        Assert.Equal(Expected(entry, server.BaseUrl).Order(), pairs.Select(p => (p.Url.AbsoluteUri, p.Text)).Order());
        Assert.All(pairs, p => Assert.Equal(entry.Headword, p.Text));
    }

    [Fact]
    public async Task An_idiom_page_and_a_phrasal_verb_block_yield_their_own_headwords_and_audio()
    {
        var idiom = Pick(e => e.Blocks[0].Kind == EntryBlockKind.Idiom);
        var verb = Pick(e => e.Blocks.Any(b => b.Kind == EntryBlockKind.PhrasalVerb));
        var phrasal = verb.Blocks.Single(b => b.Kind == EntryBlockKind.PhrasalVerb);
        await using var server = await LoopbackServer.StartAsync(new CambridgeMirror(Lexicon));

        var (pairs, _) = await CambridgeCrawl.RunAsync(server.BaseUrl, ("words", $"{idiom.Headword},{verb.Headword}"));

        var idiomPair = Assert.Single(pairs, p => p.Text == idiom.Headword);
        Assert.Equal(["uk", "idiom"], idiomPair.Tags);
        Assert.Contains('\'', idiomPair.Text);
        var phrasalPairs = pairs.Where(p => p.Text == phrasal.Headword).ToArray();
        Assert.Equal(2, phrasalPairs.Length);
        Assert.All(phrasalPairs, p => Assert.Equal("phrasal verb", p.Tags[1]));
        Assert.Contains(phrasalPairs, p => p.Url == new Uri(server.BaseUrl, phrasal.Us!.Mp3Path("english")));
        Assert.Equal(2, pairs.Count(p => p.Text == verb.Headword));
    }

    [Fact]
    public async Task Not_found_words_are_counted_whether_they_redirect_home_or_to_spellcheck_or_404()
    {
        await using var server = await LoopbackServer.StartAsync(new CambridgeMirror(Lexicon));
        server.Robots("User-agent: *\nDisallow:\n");
        server.Page("/dictionary/english/gone-word", "<!DOCTYPE html><html><body><h1>404. Page not found.</h1></body></html>", status: 404);
        server.Handle("/dictionary/english/wrok", context =>
        {
            context.Response.Redirect("/spellcheck/english/?q=wrok");
            return Task.CompletedTask;
        });

        var (pairs, stats) = await CambridgeCrawl.RunAsync(server.BaseUrl, ("words", "qwertyuiop,gone word,wrok"));

        Assert.Empty(pairs);
        Assert.Equal(3, stats.Counters.GetValueOrDefault(CambridgeSpider.NotFound));
        Assert.Equal(1, server.Hits("/dictionary/english/"));
        Assert.Equal(1, server.Hits("/spellcheck/english/?q=wrok"));
        Assert.Equal(1, server.Hits("/dictionary/english/gone-word"));
        Assert.Equal(0, stats.ErrorsByKind.Values.Sum());
    }

    [Theory]
    [InlineData(CambridgeBrowseMarkup.Live)]
    [InlineData(CambridgeBrowseMarkup.Alternate)]
    public async Task Browsing_a_permissive_mirror_follows_letters_and_ranges_by_link_shape_and_fetches_each_entry_once(CambridgeBrowseMarkup markup)
    {
        var mirror = new CambridgeMirror(Lexicon, options: CambridgeMirrorOptions.Permissive with { BrowseMarkup = markup });
        await using var server = await LoopbackServer.StartAsync(mirror);

        var (pairs, stats) = await CambridgeCrawl.RunAsync(server.BaseUrl);

        Assert.Equal(mirror.ExpectedPairs(server.BaseUrl).Order(), pairs.Select(p => (p.Url.AbsoluteUri, p.Text)).Order());
        Assert.All(Lexicon.Entries, e => Assert.Equal(1, server.Hits("/dictionary/english/" + e.Slug)));
        Assert.True(stats.RequestsDroppedByReason.GetValueOrDefault(RequestDropReasons.Duplicate) > 0, "the browse pages hold duplicate links");
        Assert.Equal(1, stats.Counters.GetValueOrDefault(CambridgeSpider.NotFound));
        Assert.Equal(Lexicon.Entries.Count, stats.Counters.GetValueOrDefault(CambridgeSpider.Entries));
        var widgetLinks = mirror.BrowsePages.Letters.SelectMany(mirror.BrowsePages.WidgetRangeLinks).ToArray();
        Assert.NotEmpty(widgetLinks);
        Assert.All(widgetLinks, link => Assert.Equal(0, server.Hits(Uri.UnescapeDataString(link))));
        Assert.DoesNotContain(server.AllHits.Keys, path => path.StartsWith("/sitemap/", StringComparison.Ordinal) || path.Contains("english-spanish", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, true)]
    [InlineData(true, false)]
    public async Task Under_the_live_robots_rules_the_whole_dictionary_comes_through_the_sitemaps_and_no_browse_or_disallowed_page_is_requested(bool sitemapInRobots, bool sitemapIndex)
    {
        var mirror = new CambridgeMirror(Lexicon, options: CambridgeMirrorOptions.Live with { SitemapInRobots = sitemapInRobots, SitemapIndex = sitemapIndex, UrlsPerSitemap = 50 });
        await using var server = await LoopbackServer.StartAsync(mirror);

        var (pairs, stats) = await CambridgeCrawl.RunAsync(server.BaseUrl);

        Assert.Equal(mirror.ExpectedPairs(server.BaseUrl).Order(), pairs.Select(p => (p.Url.AbsoluteUri, p.Text)).Order());
        Assert.NotEmpty(mirror.Withdrawn);
        Assert.All(mirror.Withdrawn, e => Assert.Equal(0, server.Hits("/dictionary/english/" + e.Slug)));
        Assert.All(Lexicon.Entries.Except(mirror.Withdrawn), e => Assert.Equal(1, server.Hits("/dictionary/english/" + e.Slug)));
        Assert.DoesNotContain(server.AllHits.Keys, path => path.StartsWith("/browse/", StringComparison.Ordinal));
        Assert.DoesNotContain(server.AllHits.Keys, path => path.Contains(CambridgeSitemaps.OtherDictionary, StringComparison.Ordinal));
        Assert.Equal(mirror.Withdrawn.Count, stats.RequestsDroppedByReason.GetValueOrDefault(RequestDropReasons.Robots));
        Assert.Equal(Lexicon.Entries.Count - mirror.Withdrawn.Count, stats.Counters.GetValueOrDefault(CambridgeSpider.Entries));
        Assert.Equal(sitemapInRobots ? 0 : 1, server.Hits("/sitemap/english/sitemap4.xml"));
        Assert.Equal(sitemapInRobots && sitemapIndex ? 1 : 0, server.Hits("/sitemap/english/sitemap.xml"));
    }

    [Fact]
    public async Task With_robots_txt_not_obeyed_auto_browses_the_live_mirror_and_fetches_the_withdrawn_entries_too()
    {
        var mirror = new CambridgeMirror(Lexicon);
        await using var server = await LoopbackServer.StartAsync(mirror);

        var (pairs, _) = await CambridgeCrawl.RunAsync(server.BaseUrl, ("obeyRobotsTxt", "false"));

        Assert.Equal(new CambridgeMirror(Lexicon, options: CambridgeMirrorOptions.Permissive).ExpectedPairs(server.BaseUrl).Order(), pairs.Select(p => (p.Url.AbsoluteUri, p.Text)).Order());
        Assert.Equal(1, server.Hits("/browse/english/"));
        Assert.Equal(0, server.Hits("/sitemap/english/sitemap1.xml"));
    }

    [Fact]
    public async Task An_explicit_browse_under_the_live_rules_fetches_nothing_the_robots_txt_closes()
    {
        await using var server = await LoopbackServer.StartAsync(new CambridgeMirror(Lexicon));

        var (pairs, stats) = await CambridgeCrawl.RunAsync(server.BaseUrl, ("discovery", "browse"));

        Assert.Empty(pairs);
        Assert.Equal(0, server.Hits("/browse/english/"));
        Assert.Equal(1, stats.RequestsDroppedByReason.GetValueOrDefault(RequestDropReasons.Robots));
    }

    [Fact]
    public async Task With_redirects_not_followed_the_302_to_the_home_page_counts_as_not_found()
    {
        var entry = Pick(IsPlain);
        await using var server = await LoopbackServer.StartAsync(new CambridgeMirror(Lexicon));

        var (pairs, stats) = await CambridgeCrawl.RunAsync(server.BaseUrl, ("words", $"qwertyuiop,{entry.Headword}"), ("maxRedirects", "0"));

        Assert.Equal(1, stats.Counters.GetValueOrDefault(CambridgeSpider.NotFound));
        Assert.Equal(1, server.Hits("/dictionary/english/qwertyuiop"));
        Assert.Equal(0, server.Hits("/dictionary/english/"));
        Assert.Equal(2, pairs.Count);
    }

    [Fact]
    public async Task Relative_protocol_relative_and_absolute_audio_sources_all_resolve_to_the_same_urls()
    {
        var entries = Enum.GetValues<AudioSourceStyle>().Select(style => Pick(e => IsPlain(e) && e.SourceStyle == style)).ToArray();
        await using var server = await LoopbackServer.StartAsync(new CambridgeMirror(Lexicon));

        var (pairs, _) = await CambridgeCrawl.RunAsync(server.BaseUrl, ("words", string.Join(',', entries.Select(e => e.Headword))));

        var expected = entries.SelectMany(e => Expected(e, server.BaseUrl)).Order();
        Assert.Equal(expected, pairs.Select(p => (p.Url.AbsoluteUri, p.Text)).Order());
    }

    [Fact]
    public async Task Audio_format_both_yields_mp3_and_ogg_and_the_text_template_shapes_the_caption()
    {
        var entry = Pick(IsPlain);
        await using var server = await LoopbackServer.StartAsync(new CambridgeMirror(Lexicon));

        var (pairs, _) = await CambridgeCrawl.RunAsync(server.BaseUrl, ("words", entry.Headword), ("audioFormat", "both"), ("textTemplate", "The person is saying \"{word}\""));

        Assert.Equal(4, pairs.Count);
        Assert.Equal(2, pairs.Count(p => p.Url.AbsolutePath.EndsWith(".ogg", StringComparison.Ordinal)));
        Assert.All(pairs, p => Assert.Equal($"The person is saying \"{entry.Headword}\"", p.Text));
    }

    [Fact]
    public async Task Words_come_from_a_file_too_skipping_blanks_comments_and_repeats()
    {
        var entry = Pick(IsPlain);
        await using var server = await LoopbackServer.StartAsync(new CambridgeMirror(Lexicon));
        using var folder = new TempDirectory();
        await File.WriteAllTextAsync(folder.File("words.txt"), $"\uFEFF# my words\n\n{entry.Headword}\n{entry.Headword.ToUpperInvariant()}\n");

        var (pairs, stats) = await CambridgeCrawl.RunAsync(server.BaseUrl, ("wordsFile", folder.File("words.txt")));

        Assert.Equal(2, pairs.Count);
        Assert.Equal(1, server.Hits($"/dictionary/english/{entry.Slug}"));
        Assert.Equal(1, stats.Counters.GetValueOrDefault(CambridgeSpider.Entries));
    }

    [Fact]
    public async Task A_robots_txt_disallowed_entry_is_never_requested()
    {
        var allowed = Pick(IsPlain);
        var banned = Lexicon.Entries.Last(e => IsPlain(e) && e != allowed);
        await using var server = await LoopbackServer.StartAsync(new CambridgeMirror(Lexicon));
        server.Robots($"User-agent: *\nDisallow: /dictionary/english/{banned.Slug}\n");

        var (pairs, _) = await CambridgeCrawl.RunAsync(server.BaseUrl, ("words", $"{banned.Headword},{allowed.Headword}"));

        Assert.Equal(0, server.Hits($"/dictionary/english/{banned.Slug}"));
        Assert.Equal(1, server.Hits($"/dictionary/english/{allowed.Slug}"));
        Assert.All(pairs, p => Assert.Equal(allowed.Headword, p.Text));
    }
}
