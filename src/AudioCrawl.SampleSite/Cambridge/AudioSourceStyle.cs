namespace AudioCrawl.SampleSite.Cambridge;

/// <summary>How an entry page writes the src of its audio sources; the real site uses root-relative paths.</summary>
public enum AudioSourceStyle
{
    RootRelative,
    Relative,
    ProtocolRelative,
    Absolute,
}
