namespace AudioCrawl.SampleSite.Cambridge;

/// <summary>
/// One recording of the mirror: <c>/media/{dictionary}/{region}_pron/{Key}.mp3</c> and
/// <c>/media/{dictionary}/{region}_pron_ogg/{Key}.ogg</c>. Without audio, the group shows only its IPA.
/// </summary>
public sealed record Pronunciation(string Region, string Key, string Ipa, bool HasAudio)
{
    public string Mp3Path(string dictionary) => $"/media/{dictionary}/{Region}_pron/{Key}.mp3";

    public string OggPath(string dictionary) => $"/media/{dictionary}/{Region}_pron_ogg/{Key}.ogg";
}
