namespace AudioCrawl.SampleSite.Commons;

/// <summary>A file page of the mock Commons: its title (<c>File:…</c>), what imageinfo and extmetadata report, and its categories.</summary>
public sealed record CommonsFile(int PageId, string Title, string Mime, string Description, string Artist, string License, string LicenseUrl, IReadOnlyList<string> Categories)
{
    /// <summary>0 for audio; a video reports its frame size (Commons serves Ogg video as application/ogg too).</summary>
    public int Width { get; init; }

    public double Duration { get; init; } = 1.5;

    /// <summary>The file name: the title without <c>File:</c>.</summary>
    public string Name => Title["File:".Length..];

    public string ObjectName => Path.GetFileNameWithoutExtension(Name);

    public bool IsAudio => Mime.StartsWith("audio/", StringComparison.Ordinal) || (Mime == "application/ogg" && Width == 0);

    /// <summary>Where Commons keeps the original: /upload/wikipedia/commons/{md5[0]}/{md5[0..2]}/{name with underscores}.</summary>
    public string UploadPath
    {
        get
        {
            var underscored = Name.Replace(' ', '_');
            var hash = Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(underscored)));
            return $"/upload/wikipedia/commons/{hash[0]}/{hash[..2]}/{Uri.EscapeDataString(underscored)}";
        }
    }
}
