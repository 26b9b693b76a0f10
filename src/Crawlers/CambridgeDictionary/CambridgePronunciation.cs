namespace Crawlers.CambridgeDictionary;

/// <summary>One <c>dpron-i</c> group of an entry block: a headword said in one region, with its recordings.</summary>
/// <param name="Headword">The block's headword as displayed.</param>
/// <param name="PartOfSpeech">The block's part of speech (noun, verb, idiom, phrasal verb, ...), or null when it shows none.</param>
/// <param name="Region">uk or us.</param>
/// <param name="Ipa">The transcription without its slashes, or null.</param>
/// <param name="Mp3">The absolute URL of the <c>audio/mpeg</c> source, or null.</param>
/// <param name="Ogg">The absolute URL of the <c>audio/ogg</c> source, or null.</param>
public sealed record CambridgePronunciation(string Headword, string? PartOfSpeech, string Region, string? Ipa, Uri? Mp3, Uri? Ogg)
{
    public bool HasAudio => Mp3 is not null || Ogg is not null;
}
