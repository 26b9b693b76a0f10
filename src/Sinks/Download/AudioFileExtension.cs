namespace Sinks.Download;

/// <summary>
/// The file extension (and WebDataset member suffix) of audio stored as it was downloaded: the URL's own extension
/// when it names the container the bytes really are, else the one the media type names, else the container's usual one.
/// </summary>
public static class AudioFileExtension
{
    private static readonly IReadOnlyDictionary<string, string[]> ByContainer = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["mp3"] = ["mp3", "mpga", "mp2"],
        ["aac"] = ["aac"],
        ["ogg"] = ["ogg", "oga", "opus", "spx"],
        ["flac"] = ["flac"],
        ["wav"] = ["wav", "wave"],
        ["aiff"] = ["aiff", "aif", "aifc"],
        ["mp4"] = ["m4a", "mp4", "m4b", "3gp"],
        ["webm"] = ["webm", "weba", "mka", "mkv"],
        ["asf"] = ["wma", "asf"],
        ["amr"] = ["amr"],
        ["au"] = ["au", "snd"],
        ["ape"] = ["ape"],
        ["wavpack"] = ["wv"],
        ["caf"] = ["caf"],
    };

    private static readonly IReadOnlyDictionary<string, string> ByMediaType = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["audio/mpeg"] = "mp3",
        ["audio/mp3"] = "mp3",
        ["audio/aac"] = "aac",
        ["audio/ogg"] = "ogg",
        ["application/ogg"] = "ogg",
        ["audio/opus"] = "opus",
        ["audio/flac"] = "flac",
        ["audio/x-flac"] = "flac",
        ["audio/wav"] = "wav",
        ["audio/x-wav"] = "wav",
        ["audio/wave"] = "wav",
        ["audio/aiff"] = "aiff",
        ["audio/x-aiff"] = "aiff",
        ["audio/mp4"] = "m4a",
        ["audio/x-m4a"] = "m4a",
        ["video/mp4"] = "mp4",
        ["audio/webm"] = "webm",
        ["video/webm"] = "webm",
        ["audio/x-ms-wma"] = "wma",
        ["audio/amr"] = "amr",
        ["audio/basic"] = "au",
    };

    /// <param name="container">What <see cref="AudioSignature.Detect"/> found in the first bytes.</param>
    /// <param name="url">The URL the bytes came from (after redirects, when known).</param>
    /// <param name="mediaType">The media type the server sent, without parameters, or null.</param>
    public static string For(string container, string? url, string? mediaType)
    {
        var fitting = ByContainer.GetValueOrDefault(container) ?? [container];
        if (FromUrl(url) is { } fromUrl && fitting.Contains(fromUrl, StringComparer.Ordinal))
            return fromUrl;
        if (mediaType is not null && ByMediaType.TryGetValue(mediaType, out var fromType) && fitting.Contains(fromType, StringComparer.Ordinal))
            return fromType;
        return fitting[0];
    }

    private static string? FromUrl(string? url)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var parsed))
            return null;
        var name = parsed.AbsolutePath;
        var dot = name.LastIndexOf('.');
        if (dot < 0 || dot < name.LastIndexOf('/') || name.Length - dot - 1 is < 2 or > 4)
            return null;
        return name[(dot + 1)..].ToLowerInvariant();
    }
}
