namespace AudioCrawl.SampleSite.Archive;

/// <summary>An audiobook of the mock LibriVox API; its sections' audio is served by the mock archive.org under /download/.</summary>
public sealed record LibriVoxAudiobook(int Id, string Title, string AuthorFirst, string AuthorLast, IReadOnlyList<string> Sections)
{
    public string Identifier => $"lv_book_{Id:000}_librivox";

    public string SectionFile(int index) => $"{Identifier.Replace("_librivox", "", StringComparison.Ordinal)}_{index + 1:00}_64kb.mp3";
}
