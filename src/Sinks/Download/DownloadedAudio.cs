using System.Text.Json.Nodes;

namespace Sinks.Download;

/// <summary>
/// Downloaded audio: on local disk waiting for the transcoder (<see cref="Path"/>, deleted once it is packed or
/// rejected), or held in memory (<see cref="Data"/>, and no path) when it is stored as it is.
/// </summary>
public sealed record DownloadedAudio(AudioSource Source, string? Path, long Bytes, string? ContentType, string Container)
{
    /// <summary>The bytes, when they were kept in memory rather than written to <see cref="Path"/>.</summary>
    public byte[]? Data { get; init; }

    /// <summary>What the resolver learnt, when a resolver downloaded it.</summary>
    public JsonObject? ResolverMetadata { get; init; }

    /// <summary>The URL after redirects.</summary>
    public string? FinalUrl { get; init; }
}
