namespace AudioCrawl.SampleSite.Cambridge;

/// <summary>One entry block of a page: its headword, part of speech and UK/US pronunciations (either may be missing).</summary>
public sealed record EntryBlock(EntryBlockKind Kind, string Headword, string PartOfSpeech, Pronunciation? Uk, Pronunciation? Us)
{
    public IEnumerable<Pronunciation> Pronunciations => new[] { Uk, Us }.OfType<Pronunciation>();
}
