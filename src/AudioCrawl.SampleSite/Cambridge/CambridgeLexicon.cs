using System.Globalization;
using System.Text;

namespace AudioCrawl.SampleSite.Cambridge;

/// <summary>
/// A deterministic dictionary for the Cambridge mirror, the same for the same seed and entry count. Entries mix
/// the cases a crawler must get right: UK and US audio, several blocks sharing one recording, a second (American)
/// section repeating it, entries without audio, phrases, capitals, apostrophes, accented headwords, idiom pages,
/// phrasal-verb blocks with their own headword and audio, and every style of audio src.
/// </summary>
public sealed class CambridgeLexicon
{
    public const string Dictionary = "english";

    private static readonly string[] Syllables =
        ["ba", "co", "di", "fe", "ga", "hu", "ji", "ko", "lu", "ma", "ne", "po", "ra", "si", "tu", "va", "we", "xo", "yu", "ze"];

    private static readonly string[] PartsOfSpeech = ["noun", "verb", "adjective", "adverb"];
    private static readonly string[] Particles = ["of", "in", "away", "the", "on"];
    private static readonly (char Plain, char Accented)[] Accents = [('e', 'é'), ('a', 'á'), ('o', 'ö'), ('u', 'ü'), ('i', 'ï')];

    public CambridgeLexicon(int entryCount = 300, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(entryCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(entryCount, MaxEntries);
        var random = new Random(seed);
        var syllables = Syllables.OrderBy(_ => random.Next()).ToArray();
        var entries = new List<LexiconEntry>(entryCount);
        for (var i = 0; i < entryCount; i++)
            entries.Add(CreateEntry(i, BaseWord(i, syllables), random));
        Entries = entries.OrderBy(e => e.Slug, StringComparer.Ordinal).ToArray();
        Seed = seed;
        _bySlug = Entries.ToDictionary(e => e.Slug, StringComparer.Ordinal);
        _audioKeys = Entries.SelectMany(e => e.Blocks).SelectMany(b => b.Pronunciations).Where(p => p.HasAudio)
            .Select(p => $"{p.Region}/{p.Key}").ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Four syllables of twenty make this many distinct words.</summary>
    public const int MaxEntries = 160_000;

    private readonly Dictionary<string, LexiconEntry> _bySlug;
    private readonly HashSet<string> _audioKeys;

    public int Seed { get; }

    /// <summary>Every entry, in browse order (by slug).</summary>
    public IReadOnlyList<LexiconEntry> Entries { get; }

    /// <summary>A word the browse pages link to that has no entry (the real site has such stale links too).</summary>
    public string MissingSlug => "zzunlisted-word";

    public LexiconEntry? Find(string slug) => _bySlug.GetValueOrDefault(slug.ToLowerInvariant());

    public bool HasAudio(string region, string key) => _audioKeys.Contains($"{region}/{key}");

    public static string SlugOf(string headword) =>
        string.Join('-', headword.Trim().ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    // The index's base-20 digits as four syllables, least significant first so that words spread over the letters.
    private static string BaseWord(int index, string[] syllables)
    {
        var word = new StringBuilder();
        var value = index;
        for (var digit = 0; digit < 4; digit++)
        {
            word.Append(syllables[value % syllables.Length]);
            value /= syllables.Length;
        }
        return word.ToString();
    }

    private static LexiconEntry CreateEntry(int index, string word, Random random)
    {
        var style = (AudioSourceStyle)(index % 4);
        var pos = PartsOfSpeech[random.Next(PartsOfSpeech.Length)];
        string headword;
        List<EntryBlock> blocks;
        var american = false;

        if (index % 13 == 0)
        {
            headword = word;
            blocks = [new EntryBlock(EntryBlockKind.PartOfSpeech, headword, pos, Silent("uk", word), Silent("us", word))];
        }
        else if (index % 9 == 5)
        {
            headword = $"keep one's {word}";
            blocks = [new EntryBlock(EntryBlockKind.Idiom, headword, "idiom", Voiced("uk", headword), null)];
        }
        else if (index % 10 == 6)
        {
            headword = word;
            var phrasal = $"{word} up";
            blocks =
            [
                new EntryBlock(EntryBlockKind.PartOfSpeech, headword, "verb", Voiced("uk", word), Voiced("us", word)),
                new EntryBlock(EntryBlockKind.PhrasalVerb, phrasal, "phrasal verb", Voiced("uk", phrasal), Voiced("us", phrasal)),
            ];
        }
        else if (index % 7 == 1)
        {
            headword = word;
            var uk = Voiced("uk", word);
            var us = Voiced("us", word);
            blocks =
            [
                new EntryBlock(EntryBlockKind.PartOfSpeech, headword, "noun", uk, us),
                new EntryBlock(EntryBlockKind.PartOfSpeech, headword, "verb", uk, us),
            ];
            american = true;
        }
        else
        {
            headword = index % 11 == 2 ? $"{word} {Particles[index % Particles.Length]}"
                : index % 17 == 3 ? Accent(word, index)
                : index % 19 == 4 ? $"{word}'s"
                : index % 23 == 7 ? CultureInfo.InvariantCulture.TextInfo.ToTitleCase(word)
                : word;
            var usOnly = index % 29 == 8;
            blocks = [new EntryBlock(EntryBlockKind.PartOfSpeech, headword, pos, usOnly ? null : Voiced("uk", headword), Voiced("us", headword))];
        }
        return new LexiconEntry(index, headword, SlugOf(headword), blocks, style, american);
    }

    private static string Accent(string word, int index)
    {
        var (plain, accented) = Accents[index % Accents.Length];
        var at = word.IndexOf(plain, StringComparison.Ordinal);
        return at < 0 ? word + "é" : string.Concat(word.AsSpan(0, at), accented.ToString(), word.AsSpan(at + 1));
    }

    // The real site files recordings as uk_pron/u/uke/ukent/ukentry001: the first letter, then longer prefixes.
    private static Pronunciation Voiced(string region, string spoken)
    {
        var k = KeyOf(spoken);
        var path = $"{k[..1]}/{region}{k[..Math.Min(3, k.Length)]}/{region}{k[..Math.Min(5, k.Length)]}/{region}{k}";
        return new Pronunciation(region, path, IpaOf(spoken, region), HasAudio: true);
    }

    // Letters and digits of the folded slug, plus a stable hash when that alone would not be unique.
    private static string KeyOf(string spoken)
    {
        var slug = SlugOf(spoken);
        var ascii = new string(slug.Normalize(NormalizationForm.FormD).Where(c => c is >= 'a' and <= 'z' or >= '0' and <= '9').ToArray());
        if (ascii == slug)
            return ascii;
        var hash = 2166136261u;
        foreach (var c in slug)
            hash = (hash ^ c) * 16777619u;
        return $"{ascii}_{hash:x8}";
    }

    private static Pronunciation Silent(string region, string headword) =>
        new(region, "", IpaOf(headword, region), HasAudio: false);

    private static string IpaOf(string headword, string region)
    {
        var ipa = new StringBuilder();
        foreach (var c in SlugOf(headword).Normalize(NormalizationForm.FormD))
        {
            ipa.Append(c switch
            {
                'a' => region == "uk" ? "ɑː" : "æ",
                'e' => "e",
                'i' => "ɪ",
                'o' => region == "uk" ? "ɒ" : "ɑː",
                'u' => "uː",
                'j' => "dʒ",
                'y' => "j",
                '-' => " ",
                >= 'b' and <= 'z' => c.ToString(),
                _ => "",
            });
        }
        return "ˈ" + ipa;
    }
}
