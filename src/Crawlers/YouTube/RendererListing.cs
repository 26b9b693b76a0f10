namespace Crawlers.YouTube;

/// <summary>What one page or continuation response lists: its videos in page order and the token of the next page.</summary>
public sealed record RendererListing(IReadOnlyList<VideoEntry> Videos, string? Continuation)
{
    /// <summary>The channel the page belongs to (channel pages), to credit videos whose renderer omits it.</summary>
    public string? PageChannelName { get; init; }

    public string? PageChannelId { get; init; }
}
