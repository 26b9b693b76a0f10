namespace Crawlers.Feed;

/// <summary>A parsed RSS 2.0 or Atom feed: the channel's facts and its entries in feed order.</summary>
public sealed record FeedDocument(string Format, string? Title, IReadOnlyList<FeedEpisode> Episodes)
{
    /// <summary>The channel's licence: <c>podcast:license</c>, else RSS <c>copyright</c> / Atom <c>rights</c>.</summary>
    public string? License { get; init; }

    public string? Author { get; init; }
}
