namespace Crawlers.Tests.CambridgeDictionary.RecordedMarkup;

/// <summary>A word of the corpus: its blocks in page order, as the recorded pages show them.</summary>
internal sealed record RecordedWord(string Headword, IReadOnlyList<RecordedBlock> Blocks)
{
    public string Slug => Headword.Replace(' ', '-');
}

/// <summary>One entry block: a part of speech, a phrasal verb nested in its verb, or an idiom page's block.</summary>
internal sealed record RecordedBlock(RecordedBlockKind Kind, string Headword, string PartOfSpeech, string UkIpa, string UsIpa, bool UkAudio = true, bool UsAudio = true)
{
    /// <summary>The recording's path under the dictionary's media folder, as the site names them.</summary>
    public string AudioPath(string region, string folder)
    {
        var letters = new string(Headword.Where(char.IsAsciiLetter).ToArray()).ToLowerInvariant().PadRight(5, '_');
        return region == "uk"
            ? $"/uk_pron{folder}/u/uk{letters[..1]}/uk{letters[..3]}/uk{letters[..5]}{PartOfSpeech[..1]}{Headword.Length:D3}.{Extension(folder)}"
            : $"/us_pron{folder}/{letters[..1]}/{letters[..3]}/{letters[..5]}/{Headword.Replace(' ', '_')}.{Extension(folder)}";
    }

    private static string Extension(string folder) => folder == "_ogg" ? "ogg" : "mp3";
}

internal enum RecordedBlockKind
{
    PartOfSpeech,
    PhrasalVerb,
    Idiom,
}
