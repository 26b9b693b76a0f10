namespace AudioCrawl.SampleSite.Archive;

/// <summary>An item of the mock Internet Archive: its chapters exist as original MP3, 64 kbps MP3 and Ogg files unless <paramref name="Formats"/> says otherwise.</summary>
public sealed record ArchiveItem(string Identifier, string Collection, string Title, string Creator, string LicenseUrl, IReadOnlyList<string> Chapters)
{
    /// <summary>The audio formats its files come in, as the metadata names them.</summary>
    public IReadOnlyList<string> Formats { get; init; } = ["128Kbps MP3", "64Kbps MP3", "Ogg Vorbis"];

    public string ChapterFile(int index, string format) => format switch
    {
        "64Kbps MP3" => $"{Identifier}_{index + 1:00}_64kb.mp3",
        "Ogg Vorbis" => $"{Identifier}_{index + 1:00}.ogg",
        _ => $"{Identifier}_{index + 1:00}.mp3",
    };
}
