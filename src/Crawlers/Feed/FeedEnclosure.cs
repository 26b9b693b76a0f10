namespace Crawlers.Feed;

/// <summary>An RSS <c>&lt;enclosure&gt;</c> or Atom <c>link rel="enclosure"</c>.</summary>
public sealed record FeedEnclosure(Uri Url, string? Type, long? Length)
{
    private static readonly string[] AudioExtensions = [".mp3", ".m4a", ".aac", ".ogg", ".oga", ".opus", ".wav", ".flac"];

    /// <summary>An audio type, or no type (or a generic one) and an audio file extension.</summary>
    public bool IsAudio => Type is { } type && !IsGeneric(type)
        ? type.StartsWith("audio/", StringComparison.OrdinalIgnoreCase)
        : AudioExtensions.Contains(Path.GetExtension(Url.AbsolutePath), StringComparer.OrdinalIgnoreCase);

    private static bool IsGeneric(string type) =>
        string.IsNullOrWhiteSpace(type) || type.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase);
}
