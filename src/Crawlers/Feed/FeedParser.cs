using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Crawler.Abstractions.Html;
using Crawler.Abstractions.Http;
using Crawler.Core.Xml;

namespace Crawlers.Feed;

/// <summary>
/// Reads RSS 2.0 (with the iTunes and Podcasting 2.0 namespaces) and Atom 1.0 feeds through <see cref="SafeXml"/>:
/// a DOCTYPE is refused, so entity tricks never run.
/// </summary>
public static class FeedParser
{
    public static readonly XNamespace Itunes = "http://www.itunes.com/dtds/podcast-1.0.dtd";
    public static readonly XNamespace Podcast = "https://podcastindex.org/namespace/1.0";
    public static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    public static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    public static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";

    /// <summary>Parses a feed fetched from <paramref name="feedUrl"/> (relative links resolve against it).</summary>
    /// <exception cref="FeedFormatException">Not XML, a DTD, or neither RSS nor Atom.</exception>
    public static FeedDocument Parse(ReadOnlyMemory<byte> body, Uri feedUrl)
    {
        XDocument document;
        try
        {
            document = SafeXml.Load(body);
        }
        catch (XmlException ex) when (ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            throw new FeedFormatException($"declares a DTD (line {ex.LineNumber}), which is refused: feeds have no use for one and it is how entity-expansion attacks start", ex);
        }
        catch (XmlException ex)
        {
            throw new FeedFormatException($"is not well-formed XML (line {ex.LineNumber}, position {ex.LinePosition}): {ex.Message}", ex);
        }
        var root = document.Root!;
        if (root.Name == "rss" && root.Element("channel") is { } channel)
            return ReadRss(channel, feedUrl);
        if (root.Name == Atom + "feed")
            return ReadAtom(root, feedUrl);
        throw new FeedFormatException($"is neither RSS 2.0 (<rss><channel>) nor Atom (<feed xmlns=\"{Atom}\">): its root element is <{root.Name.LocalName}>");
    }

    private static FeedDocument ReadRss(XElement channel, Uri feedUrl)
    {
        var episodes = channel.Elements("item").Select(item => new FeedEpisode(
            Text(item.Element("guid")) ?? Text(item.Element("link")),
            Text(item.Element("title")) ?? Text(item.Element(Itunes + "title")),
            item.Element("enclosure") is { } enclosure && Resolve(feedUrl, (string?)enclosure.Attribute("url")) is { } url
                ? new FeedEnclosure(url, (string?)enclosure.Attribute("type"), Length((string?)enclosure.Attribute("length")))
                : null)
        {
            Summary = HtmlText.ToPlainText(Text(item.Element(Itunes + "summary")) ?? Text(item.Element("description")) ?? Text(item.Element(Content + "encoded"))),
            Published = Text(item.Element("pubDate")),
            DurationSeconds = ClockDuration.ParseSeconds(Text(item.Element(Itunes + "duration"))),
            Author = Text(item.Element(Itunes + "author")) ?? Text(item.Element(Dc + "creator")) ?? Text(item.Element("author")),
            License = License(item),
            Link = Resolve(feedUrl, Text(item.Element("link"))),
            Transcripts = Transcripts(item, feedUrl),
        }).ToArray();
        return new FeedDocument("rss", Text(channel.Element("title")), episodes)
        {
            License = License(channel) ?? Text(channel.Element("copyright")),
            Author = Text(channel.Element(Itunes + "author")) ?? Text(channel.Element("managingEditor")),
        };
    }

    private static FeedDocument ReadAtom(XElement feed, Uri feedUrl)
    {
        var episodes = feed.Elements(Atom + "entry").Select(entry =>
        {
            var links = entry.Elements(Atom + "link").ToArray();
            var enclosure = links.FirstOrDefault(l => (string?)l.Attribute("rel") == "enclosure");
            var alternate = links.FirstOrDefault(l => (string?)l.Attribute("rel") is null or "alternate");
            return new FeedEpisode(
                Text(entry.Element(Atom + "id")),
                Text(entry.Element(Atom + "title")),
                enclosure is not null && Resolve(feedUrl, (string?)enclosure.Attribute("href")) is { } url
                    ? new FeedEnclosure(url, (string?)enclosure.Attribute("type"), Length((string?)enclosure.Attribute("length")))
                    : null)
            {
                Summary = HtmlText.ToPlainText(Text(entry.Element(Atom + "summary")) ?? Text(entry.Element(Atom + "content"))),
                Published = Text(entry.Element(Atom + "published")) ?? Text(entry.Element(Atom + "updated")),
                DurationSeconds = ClockDuration.ParseSeconds(Text(entry.Element(Itunes + "duration"))),
                Author = Text(entry.Element(Atom + "author")?.Element(Atom + "name")),
                License = License(entry) ?? Text(entry.Element(Atom + "rights")),
                Link = Resolve(feedUrl, (string?)alternate?.Attribute("href")),
                Transcripts = Transcripts(entry, feedUrl),
            };
        }).ToArray();
        return new FeedDocument("atom", Text(feed.Element(Atom + "title")), episodes)
        {
            License = License(feed) ?? Text(feed.Element(Atom + "rights")),
            Author = Text(feed.Element(Atom + "author")?.Element(Atom + "name")),
        };
    }

    /// <summary><c>podcast:license</c>: its text (an SPDX identifier or a name), else its url attribute.</summary>
    private static string? License(XElement parent) =>
        parent.Element(Podcast + "license") is { } license ? Text(license) ?? (string?)license.Attribute("url") : null;

    private static FeedTranscript[] Transcripts(XElement parent, Uri feedUrl) =>
        parent.Elements(Podcast + "transcript")
            .Select(t => Resolve(feedUrl, (string?)t.Attribute("url")) is { } url
                ? new FeedTranscript(url, (string?)t.Attribute("type"), (string?)t.Attribute("language"), (string?)t.Attribute("rel"))
                : null)
            .OfType<FeedTranscript>()
            .ToArray();

    private static string? Text(XElement? element) =>
        element is null || string.IsNullOrWhiteSpace(element.Value) ? null : element.Value.Trim();

    private static long? Length(string? text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var length) && length > 0 ? length : null;

    private static Uri? Resolve(Uri feedUrl, string? href) => LinkResolver.Resolve(feedUrl, href);
}
