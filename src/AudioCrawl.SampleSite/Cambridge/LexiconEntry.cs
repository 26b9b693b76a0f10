namespace AudioCrawl.SampleSite.Cambridge;

/// <summary>
/// One entry page of the mirror. <see cref="Slug"/> is the unescaped last path segment (lower case, spaces as
/// hyphens). <see cref="AmericanSection"/> repeats the US recording in a second dictionary section, as the real
/// site does for common words.
/// </summary>
public sealed record LexiconEntry(int Index, string Headword, string Slug, IReadOnlyList<EntryBlock> Blocks, AudioSourceStyle SourceStyle, bool AmericanSection)
{
    public bool HasAudio => Blocks.SelectMany(b => b.Pronunciations).Any(p => p.HasAudio);

    /// <summary>The browse letter: the first letter of the slug without accents, or "0-9" for anything else.</summary>
    public string Letter
    {
        get
        {
            var first = Slug.Normalize(System.Text.NormalizationForm.FormD)[0];
            return first is >= 'a' and <= 'z' ? first.ToString() : "0-9";
        }
    }
}
