using System.ComponentModel;
using Crawler.Abstractions.Configuration;

namespace Crawlers.Feed;

public sealed record FeedSettings : IValidatableSettings
{
    [Description("RSS 2.0 or Atom feed URLs (podcasts). Relative URLs resolve against baseUrl.")]
    public IReadOnlyList<string> Feeds { get; init; } = [];

    [Description("An OPML file (a local path or an http(s) URL) whose <outline xmlUrl=…> entries are feeds to read.")]
    public string? Opml { get; init; }

    [Description("What relative feed URLs resolve against (a local mirror in tests).")]
    public Uri BaseUrl { get; init; } = new("http://127.0.0.1:8080/");

    [Description("The pair's text: {title} (episode title), {summary} (its summary/description, HTML stripped), {feed} (the feed's title).")]
    public string TextTemplate { get; init; } = "{title}";

    [Description("Most episodes kept per feed, newest first as the feed lists them (0 for no limit).")]
    public int MaxEpisodesPerFeed { get; init; }

    public IEnumerable<string> Validate()
    {
        if (Feeds.Count == 0 && string.IsNullOrWhiteSpace(Opml))
            yield return "give feeds (a list of feed URLs; comma-separated with --set) or opml (a file path or URL)";
        if (MaxEpisodesPerFeed < 0)
            yield return "maxEpisodesPerFeed must be 0 (no limit) or more";
        if (!BaseUrl.IsAbsoluteUri || BaseUrl.Scheme is not ("http" or "https"))
            yield return "baseUrl must be an absolute http(s) URL";
        foreach (var feed in Feeds.Where(f => !Uri.TryCreate(BaseUrl, f, out var url) || url.Scheme is not ("http" or "https")))
            yield return $"feeds: '{feed}' is not an http(s) URL";
        if (string.IsNullOrWhiteSpace(TextTemplate) || !TextTemplate.Contains('{', StringComparison.Ordinal))
            yield return "textTemplate must name at least one of {title}, {summary}, {feed}";
    }
}
