namespace Crawlers.Feed;

/// <summary>A Podcasting 2.0 <c>&lt;podcast:transcript url type language rel&gt;</c> link.</summary>
public sealed record FeedTranscript(Uri Url, string? Type, string? Language, string? Rel);
