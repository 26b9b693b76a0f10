namespace Crawlers.Feed;

/// <summary>One RSS item or Atom entry.</summary>
public sealed record FeedEpisode(string? Id, string? Title, FeedEnclosure? Enclosure)
{
    /// <summary>The summary, HTML stripped: <c>itunes:summary</c>, else <c>description</c> (Atom: <c>summary</c>, else <c>content</c>).</summary>
    public string? Summary { get; init; }

    public string? Published { get; init; }

    public int? DurationSeconds { get; init; }

    public string? Author { get; init; }

    /// <summary>The episode's own <c>podcast:license</c>, when it has one.</summary>
    public string? License { get; init; }

    public Uri? Link { get; init; }

    public IReadOnlyList<FeedTranscript> Transcripts { get; init; } = [];
}
