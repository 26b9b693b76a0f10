namespace AudioCrawl.SampleSite.Cambridge;

/// <summary>The three kinds of entry block: a part of speech (<c>div.pr.entry-body__el</c>), a phrasal verb (<c>div.pv-block</c>), an idiom (<c>div.pr.idiom-block</c>).</summary>
public enum EntryBlockKind
{
    PartOfSpeech,
    PhrasalVerb,
    Idiom,
}
