namespace Crawlers.CambridgeDictionary;

/// <summary>Which of the two recordings Cambridge offers per pronunciation becomes a pair.</summary>
public enum CambridgeAudioFormat
{
    /// <summary>The <c>audio/mpeg</c> source.</summary>
    Mp3,

    /// <summary>The <c>audio/ogg</c> source.</summary>
    Ogg,

    /// <summary>Both sources, one pair each.</summary>
    Both,
}
