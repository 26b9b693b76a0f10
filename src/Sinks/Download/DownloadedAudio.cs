using System.Text.Json.Nodes;

namespace AudioCrawl.Sinks.Download;

/// <summary>Audio on local disk waiting for the transcoder; <see cref="Path"/> is deleted once it is packed or rejected.</summary>
public sealed record DownloadedAudio(AudioSource Source, string Path, long Bytes, string? ContentType, string Container)
{
    /// <summary>What the resolver learnt, when a resolver downloaded it.</summary>
    public JsonObject? ResolverMetadata { get; init; }

    /// <summary>The URL after redirects.</summary>
    public string? FinalUrl { get; init; }
}
