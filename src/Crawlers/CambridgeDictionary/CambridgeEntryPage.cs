namespace Crawlers.CambridgeDictionary;

/// <summary>What an entry page holds: how many entry blocks it has, and their pronunciation groups in page order.</summary>
public sealed record CambridgeEntryPage(int BlockCount, IReadOnlyList<CambridgePronunciation> Pronunciations)
{
    /// <summary>No entry block at all: the page is a search or spell-check page, not an entry.</summary>
    public bool IsEntry => BlockCount > 0;

    public bool HasAudio => Pronunciations.Any(p => p.HasAudio);
}
