namespace Sinks.Download;

/// <summary>How the yt-dlp resolver runs.</summary>
public sealed record YtDlpOptions
{
    /// <summary>The yt-dlp program: a name looked up on PATH, or a path. Default <c>yt-dlp</c> (Debian's package).</summary>
    public string Executable { get; init; } = "yt-dlp";

    /// <summary>Hosts besides YouTube whose URLs are pages for yt-dlp (exact host or any subdomain of it).</summary>
    public IReadOnlyList<string> Hosts { get; init; } = [];

    /// <summary>The yt-dlp format selection. Default <c>bestaudio/best</c>.</summary>
    public string Format { get; init; } = "bestaudio/best";

    /// <summary>More arguments passed before the URL (for example <c>--cookies</c> or <c>--proxy</c>).</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    /// <summary>Environment variables for the child process (PATH included when set); the rest is inherited.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>How long one download may take. Default 10 minutes.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    public static IReadOnlyList<string> YouTubeHosts { get; } = ["youtube.com", "youtu.be", "youtube-nocookie.com"];
}
