using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Crawler.Abstractions.Http;
using Crawler.Abstractions.Spiders;
using Microsoft.Extensions.Logging;

namespace Crawlers.Feed;

/// <summary>
/// Podcast episodes from RSS 2.0 and Atom feeds (listed, or read from an OPML file): one pair per audio enclosure,
/// text from the episode. Feeds are ordinary pages under robots.txt, fetched with conditional GET
/// (<see cref="Request.Revalidate"/>), so a scheduled run reads again only the feeds that changed. A malformed feed is
/// counted and logged, and the crawl goes on with the others.
/// </summary>
[Spider("feed", "Podcast episodes (audio enclosures) and their titles from RSS/Atom feeds or an OPML list, with conditional GET.")]
public sealed class FeedSpider : Spider<FeedSettings>
{
    private const string StatPrefix = "feed/";

    public override async IAsyncEnumerable<Request> StartRequestsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var feed in Settings.Feeds.Where(f => !string.IsNullOrWhiteSpace(f)))
            yield return FeedRequest(new Uri(Settings.BaseUrl, feed.Trim()));
        if (string.IsNullOrWhiteSpace(Settings.Opml))
            yield break;
        var opml = Settings.Opml.Trim();
        if (Uri.TryCreate(opml, UriKind.Absolute, out var opmlUrl) && opmlUrl.Scheme is "http" or "https")
        {
            yield return new Request(opmlUrl, nameof(ParseOpml)) { Revalidate = true };
            yield break;
        }
        var feeds = OpmlReader.FeedUrls(await File.ReadAllBytesAsync(opml, cancellationToken).ConfigureAwait(false), Settings.BaseUrl);
        Logger.LogInformation("OPML {Path}: {Count} feeds.", opml, feeds.Count);
        foreach (var feed in feeds)
            yield return FeedRequest(feed);
    }

    private static Request FeedRequest(Uri url) => new(url, nameof(ParseFeed)) { Revalidate = true };

    private async IAsyncEnumerable<SpiderOutput> ParseOpml(Response response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (response.IsNotModified)
        {
            // The list is as last time; its feeds still change on their own.
            Context.Stats.Custom.Increment(StatPrefix + "opml_unchanged");
        }
        IReadOnlyList<Uri> feeds;
        try
        {
            feeds = response.IsNotModified ? [] : OpmlReader.FeedUrls(response.Body, response.Url);
        }
        catch (FeedFormatException ex)
        {
            Context.Stats.Custom.Increment(StatPrefix + "malformed_opml");
            Logger.LogError("OPML {Url} {Message}; no feeds read from it.", response.Url, ex.Message);
            yield break;
        }
        foreach (var feed in feeds)
            yield return FeedRequest(feed);
        await Task.CompletedTask;
    }

    private async IAsyncEnumerable<SpiderOutput> ParseFeed(Response response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (response.IsNotModified)
        {
            Context.Stats.Custom.Increment(StatPrefix + "unchanged");
            Logger.LogDebug("Feed {Url} is unchanged since the last run (304).", response.Request.Url);
            yield break;
        }
        FeedDocument feed;
        try
        {
            feed = FeedParser.Parse(response.Body, response.Url);
        }
        catch (FeedFormatException ex)
        {
            Context.Stats.Custom.Increment(StatPrefix + "malformed");
            Logger.LogError("Feed {Url} {Message}; skipped it, the crawl goes on.", response.Url, ex.Message);
            yield break;
        }
        Context.Stats.Custom.Increment(StatPrefix + "feeds");
        var kept = 0;
        foreach (var episode in feed.Episodes)
        {
            if (Settings.MaxEpisodesPerFeed > 0 && kept >= Settings.MaxEpisodesPerFeed)
                yield break;
            if (episode.Enclosure is not { IsAudio: true } enclosure)
            {
                Context.Stats.Custom.Increment(StatPrefix + (episode.Enclosure is null ? "no_enclosure" : "not_audio"));
                continue;
            }
            var text = Text(episode, feed);
            if (string.IsNullOrWhiteSpace(text))
            {
                Context.Stats.Custom.Increment(StatPrefix + "no_text");
                continue;
            }
            kept++;
            Context.Stats.Custom.Increment(StatPrefix + "episodes");
            yield return new AudioPair(enclosure.Url, text) { Tags = ["podcast"], OriginalData = OriginalData(episode, enclosure, feed, response.Url) };
        }
        await Task.CompletedTask;
    }

    private string Text(FeedEpisode episode, FeedDocument feed) => Settings.TextTemplate
        .Replace("{title}", episode.Title ?? "", StringComparison.Ordinal)
        .Replace("{summary}", episode.Summary ?? "", StringComparison.Ordinal)
        .Replace("{feed}", feed.Title ?? "", StringComparison.Ordinal)
        .Trim();

    private static JsonObject OriginalData(FeedEpisode episode, FeedEnclosure enclosure, FeedDocument feed, Uri feedUrl)
    {
        var data = new JsonObject
        {
            ["source"] = "feed",
            ["id"] = episode.Id ?? enclosure.Url.AbsoluteUri,
            ["feed_url"] = feedUrl.AbsoluteUri,
            ["feed_format"] = feed.Format,
            ["license"] = episode.License ?? feed.License,
        };
        data.AddIfPresent("feed_title", feed.Title);
        data.AddIfPresent("author", episode.Author ?? feed.Author);
        data.AddIfPresent("title", episode.Title);
        data.AddIfPresent("summary", episode.Summary);
        data.AddIfPresent("published", episode.Published);
        data.AddIfPresent("link", episode.Link?.AbsoluteUri);
        data.AddIfPresent("mime", enclosure.Type);
        if (enclosure.Length is { } length)
            data["size"] = length;
        if (episode.DurationSeconds is { } seconds)
            data["duration_seconds"] = seconds;
        if (episode.Transcripts.Count > 0)
        {
            data["transcripts"] = new JsonArray([.. episode.Transcripts.Select(t =>
            {
                var transcript = new JsonObject { ["url"] = t.Url.AbsoluteUri };
                transcript.AddIfPresent("type", t.Type);
                transcript.AddIfPresent("language", t.Language);
                transcript.AddIfPresent("rel", t.Rel);
                return (JsonNode)transcript;
            })]);
        }
        return data;
    }
}
