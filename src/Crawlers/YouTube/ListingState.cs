namespace Crawlers.YouTube;

/// <summary>
/// What a listing request carries to its callback (as the request's JSON data, so it survives a persisted
/// frontier): the input, the web client of the first page, the continuation tokens already followed.
/// </summary>
public sealed record ListingState(YouTubeInput Input)
{
    /// <summary>"search" or "browse": the youtubei endpoint continuations go to.</summary>
    public string Endpoint { get; init; } = "browse";

    public InnertubeClient? Client { get; init; }

    public IReadOnlyList<string> Tokens { get; init; } = [];

    public bool ConsentRetried { get; init; }

    /// <summary>The channel of the first page (channel tabs), for continuation items that do not name it.</summary>
    public string? PageChannelName { get; init; }

    public string? PageChannelId { get; init; }

    /// <summary>Data API: video IDs listed so far for this input (limits paging), and what the call costs in quota units.</summary>
    public int Listed { get; init; }

    public int Cost { get; init; }
}
