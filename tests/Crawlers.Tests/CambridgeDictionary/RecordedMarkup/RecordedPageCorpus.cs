namespace Crawlers.Tests.CambridgeDictionary.RecordedMarkup;

/// <summary>One page of the corpus: which layout and dictionary it follows, its address and its markup.</summary>
internal sealed record RecordedPage(string Layout, RecordedEdition Edition, RecordedWord Word, Uri Url, string Html)
{
    public override string ToString() => $"{Layout} {Edition.Name} {Word.Headword}";
}

/// <summary>
/// Entry pages in the markup the live site served from 2019 to 2022, in English and English–Chinese, generated from
/// the layouts of <see cref="ClassicEntryPage"/> and <see cref="AmpEntryPage"/> for a set of words whose shapes the
/// recordings show: one or several parts of speech, a nested phrasal verb, an idiom page, audio for one region only,
/// headwords with spaces, apostrophes and capitals. Each word is rendered in every layout and dictionary that has it.
/// </summary>
internal static class RecordedPageCorpus
{
    public static readonly Uri Origin = new("https://dictionary.cambridge.org/");

    private static readonly RecordedWord[] Words =
    [
        Word("work", ("noun", "wɜːk", "wɝːk"), ("verb", "wɜːk", "wɝːk")),
        Word("love", ("verb", "lʌv", "lʌv"), ("noun", "lʌv", "lʌv")),
        Word("house", ("noun", "haʊs", "haʊs"), ("verb", "haʊz", "haʊz")),
        Word("catch", ("verb", "kætʃ", "kætʃ"), ("noun", "kætʃ", "kætʃ")),
        Word("situation", ("noun", "ˌsɪtʃ.uˈeɪ.ʃən", "ˌsɪtʃ.uˈeɪ.ʃən")),
        Word("water", ("noun", "ˈwɔː.tə(r)", "ˈwɑː.t̬ɚ"), ("verb", "ˈwɔː.tə(r)", "ˈwɑː.t̬ɚ")),
        Word("record", ("noun", "ˈrek.ɔːd", "ˈrek.ɚd"), ("verb", "rɪˈkɔːd", "rɪˈkɔːrd")),
        Word("rock 'n' roll", ("noun", "ˌrɒk.ənˈrəʊl", "ˌrɑː.kənˈroʊl")),
        Word("Christmas", ("noun", "ˈkrɪs.məs", "ˈkrɪs.məs")),
        Word("café", ("noun", "ˈkæf.eɪ", "kæfˈeɪ")),
        Word("ice cream", ("noun", "ˌaɪs ˈkriːm", "ˈaɪs ˌkriːm")),
        Word("beautiful", ("adjective", "ˈbjuː.tɪ.fəl", "ˈbjuː.t̬ə.fəl")),
        Word("quickly", ("adverb", "ˈkwɪk.li", "ˈkwɪk.li")),
        Word("although", ("conjunction", "ɔːlˈðəʊ", "ɑːlˈðoʊ")),
        Word("hello", ("exclamation", "heˈləʊ", "heˈloʊ"), ("noun", "heˈləʊ", "heˈloʊ")),
        Word("dictionary", ("noun", "ˈdɪk.ʃən.ər.i", "ˈdɪk.ʃən.er.i")),
        new("look", [Block("look", "verb", "lʊk", "lʊk"), Block("look", "noun", "lʊk", "lʊk"), Block("look after", "phrasal verb", "lʊk ˈɑːf.tə(r)", "lʊk ˈæf.tɚ", RecordedBlockKind.PhrasalVerb)]),
        new("take", [Block("take", "verb", "teɪk", "teɪk"), Block("take off", "phrasal verb", "teɪk ˈɒf", "teɪk ˈɑːf", RecordedBlockKind.PhrasalVerb)]),
        new("give", [Block("give", "verb", "ɡɪv", "ɡɪv"), Block("give up", "phrasal verb", "ɡɪv ˈʌp", "ɡɪv ˈʌp", RecordedBlockKind.PhrasalVerb)]),
        new("colour", [Block("colour", "noun", "ˈkʌl.ə(r)", "ˈkʌl.ɚ", usAudio: false), Block("colour", "verb", "ˈkʌl.ə(r)", "ˈkʌl.ɚ", usAudio: false)]),
        new("gotten", [Block("gotten", "past participle", "ˈɡɑː.t̬ən", "ˈɡɑː.t̬ən", ukAudio: false)]),
        new("break the ice", [Block("break the ice", "idiom", "breɪk ðiː ˈaɪs", "breɪk ðiː ˈaɪs", RecordedBlockKind.Idiom)]),
        new("piece of cake", [Block("piece of cake", "idiom", "ˌpiːs əv ˈkeɪk", "ˌpiːs əv ˈkeɪk", RecordedBlockKind.Idiom)]),
        new("under the weather", [Block("under the weather", "idiom", "ˌʌn.də ðə ˈweð.ə(r)", "ˌʌn.dɚ ðə ˈweð.ɚ", RecordedBlockKind.Idiom, usAudio: false)]),
    ];

    public static IEnumerable<RecordedPage> Pages()
    {
        var variant = 0;
        foreach (var word in Words)
        {
            var idiom = word.Blocks[0].Kind == RecordedBlockKind.Idiom;
            foreach (var edition in new[] { RecordedEdition.English, RecordedEdition.ChineseSimplified })
            {
                if (!idiom)
                    yield return Page("2019", edition, word, url => ClassicEntryPage.Render(word, edition, url, variant++));
            }
            foreach (var edition in new[] { RecordedEdition.English, RecordedEdition.ChineseSimplified, RecordedEdition.ChineseTraditional })
                yield return Page("2021", edition, word, url => AmpEntryPage.Render(word, edition, url, variant++, ampPage: false));
            yield return Page("2022 amp", RecordedEdition.English, word, url => AmpEntryPage.Render(word, RecordedEdition.English, url, variant++, ampPage: true));
        }
    }

    private static RecordedPage Page(string layout, RecordedEdition edition, RecordedWord word, Func<Uri, string> render)
    {
        var url = edition.PageUrl(Origin, word);
        return new RecordedPage(layout, edition, word, url, render(url));
    }

    private static RecordedWord Word(string headword, params (string Pos, string Uk, string Us)[] blocks) =>
        new(headword, blocks.Select(b => Block(headword, b.Pos, b.Uk, b.Us)).ToArray());

    private static RecordedBlock Block(string headword, string pos, string uk, string us, RecordedBlockKind kind = RecordedBlockKind.PartOfSpeech, bool ukAudio = true, bool usAudio = true) =>
        new(kind, headword, pos, uk, us, ukAudio, usAudio);
}
