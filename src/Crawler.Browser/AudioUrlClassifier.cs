namespace Crawler.Browser;

/// <summary>Decides whether a request the page made was for audio: by its content type, or by the file extension in its path.</summary>
internal static class AudioUrlClassifier
{
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".mp3", ".wav", ".ogg", ".oga", ".opus", ".flac", ".m4a", ".aac", ".weba", ".aif", ".aiff", ".wma", ".amr", ".spx",
    };

    private static readonly HashSet<string> VideoExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".mp4", ".m4v", ".webm", ".mkv", ".mov", ".avi", ".ogv", ".ts",
    };

    public static bool HasAudioExtension(Uri url) => Extensions.Contains(Path.GetExtension(url.AbsolutePath));

    /// <summary>
    /// A request of resource type "media" (an audio or video element loading): audio unless its path names a video
    /// file. Blocked media never shows its content type, so the element's request is all there is to go on.
    /// </summary>
    public static bool IsLikelyAudioMedia(Uri url) => !VideoExtensions.Contains(Path.GetExtension(url.AbsolutePath));

    public static bool IsAudioContentType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
            return false;
        var mediaType = contentType.Split(';', 2)[0].Trim();
        return mediaType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("application/ogg", StringComparison.OrdinalIgnoreCase);
    }
}
