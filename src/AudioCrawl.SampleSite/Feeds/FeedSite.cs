using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AudioCrawl.SampleSite.Feeds;

/// <summary>
/// Podcast feeds as hosts serve them: an RSS 2.0 show with the iTunes and Podcasting 2.0 namespaces
/// (<c>/feeds/field-notes.xml</c>: enclosures, <c>itunes:duration</c>, <c>podcast:transcript</c>,
/// <c>podcast:license</c>, one video and one text-only item), an Atom feed with <c>link rel="enclosure"</c>
/// (<c>/feeds/night-sounds.atom</c>), a truncated feed (<c>/feeds/broken.xml</c>), a feed with an entity-expansion DTD
/// (<c>/feeds/hostile.xml</c>), an HTML page where a feed was expected (<c>/feeds/moved.xml</c>) and an OPML list of
/// them all (<c>/subscriptions.opml</c>). Feeds carry ETag and Last-Modified and answer a matching conditional GET with
/// 304; the first <see cref="ThrottleFeedRequests"/> requests for the RSS feed get 429 with Retry-After.
/// </summary>
public sealed class FeedSite : ISampleSite
{
    public const string RssPath = "/feeds/field-notes.xml";
    public const string AtomPath = "/feeds/night-sounds.atom";
    public const string BrokenPath = "/feeds/broken.xml";
    public const string HostilePath = "/feeds/hostile.xml";
    public const string NotAFeedPath = "/feeds/moved.xml";
    public const string OpmlPath = "/subscriptions.opml";
    public const string License = "CC-BY-4.0";

    private static readonly DateTimeOffset Start = new(2025, 3, 3, 6, 0, 0, TimeSpan.Zero);
    private readonly object _gate = new();
    private readonly List<FeedItem> _rss;
    private int _fullResponses;
    private int _notModified;
    private int _throttled;

    public FeedSite()
    {
        _rss =
        [
            new("dawn-chorus", "Dawn chorus in the beech wood", "<p>Blackbirds, robins &amp; wrens before sunrise.</p>", "audio/mpeg", 1834, Start),
            new("harbour-at-night", "The harbour at night", "Rigging, gulls and a distant foghorn.", "audio/mpeg", 2702, Start.AddDays(7)),
            new("making-of", "Making of: the field kit (video)", "A look at the recorders we carry.", "video/mp4", 600, Start.AddDays(14)),
            new("listener-letters", "Listener letters", "Text only: no audio this week.", null, 0, Start.AddDays(21)),
            new("rain-on-a-tin-roof", "Rain on a tin roof", "A storm rolls over the allotment shed.", "audio/mpeg", 915, Start.AddDays(28)),
        ];
        Atom =
        [
            new("owl-duet", "Tawny owl duet", "A pair calling across the valley.", "audio/wav", 64, Start.AddDays(2)),
            new("nightjar", "Churring nightjar", "Heathland, midsummer, 23:10.", "audio/wav", 95, Start.AddDays(9)),
        ];
    }

    public string Name => "feeds";

    public string Spider => "feed";

    /// <summary>The RSS show's items, oldest first (the feed lists them newest first).</summary>
    public IReadOnlyList<FeedItem> Rss
    {
        get
        {
            lock (_gate)
                return [.. _rss];
        }
    }

    public IReadOnlyList<FeedItem> Atom { get; }

    /// <summary>Requests for the RSS feed answered 429 before it is served.</summary>
    public int ThrottleFeedRequests { get; set; }

    /// <summary>Feed responses with a body (200).</summary>
    public int FullResponses => Volatile.Read(ref _fullResponses);

    /// <summary>Conditional feed requests answered 304 Not Modified.</summary>
    public int NotModifiedResponses => Volatile.Read(ref _notModified);

    /// <summary>Publishes a new episode to the RSS show (its ETag and Last-Modified change).</summary>
    public FeedItem Publish(string slug, string title)
    {
        lock (_gate)
        {
            var item = new FeedItem(slug, title, $"New: {title}.", "audio/mpeg", 300, _rss[^1].Published.AddDays(7));
            _rss.Add(item);
            return item;
        }
    }

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/robots.txt", () => Results.Text("User-agent: *\nDisallow: /private/\n", "text/plain"));
        routes.MapGet(RssPath, (HttpContext context) =>
        {
            if (Interlocked.Increment(ref _throttled) <= ThrottleFeedRequests)
            {
                context.Response.Headers.RetryAfter = "1";
                return Results.Text("Too Many Requests", "text/plain", statusCode: 429);
            }
            var items = Rss;
            return Conditional(context, RssXml(Root(context), items), "application/rss+xml; charset=utf-8", items[^1].Published);
        });
        routes.MapGet(AtomPath, (HttpContext context) => Conditional(context, AtomXml(Root(context)), "application/atom+xml; charset=utf-8", Atom[^1].Published));
        routes.MapGet(BrokenPath, () => Results.Text("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Cut short</title><item><title>Half an item", "application/rss+xml"));
        routes.MapGet(HostilePath, () => Results.Text(HostileXml, "application/rss+xml"));
        routes.MapGet(NotAFeedPath, () => Results.Text("<!doctype html><html><head><title>Moved</title></head><body><p>Our feed has moved.</p></body></html>", "text/html"));
        routes.MapGet(OpmlPath, (HttpContext context) => Results.Text(OpmlXml(Root(context)), "text/x-opml; charset=utf-8"));
        routes.MapGet("/media/{file}", (string file) =>
        {
            var item = Rss.Concat(Atom).FirstOrDefault(i => i.EnclosureType is not null && file == $"{i.Slug}.{i.Extension}");
            return item switch
            {
                null => Results.NotFound(),
                { Extension: "wav" } => Results.Bytes(WavTone.Create(440 + item.DurationSeconds), "audio/wav"),
                { Extension: "mp3" } => Results.Bytes(SilentMp3.Create(), "audio/mpeg"),
                _ => Results.Bytes([0, 0, 0, 24, 0x66, 0x74, 0x79, 0x70], "video/mp4"),
            };
        });
    }

    /// <summary>Every audio episode of the RSS and Atom feeds: (enclosure URL, title).</summary>
    public IReadOnlyList<(string Url, string Text)> ExpectedPairs(Uri baseUrl) =>
        Rss.Concat(Atom).Where(i => i.IsAudio).Select(i => (new Uri(baseUrl, i.MediaPath).AbsoluteUri, i.Title)).ToArray();

    private IResult Conditional(HttpContext context, string xml, string contentType, DateTimeOffset modified)
    {
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(xml)))[..16] + "\"";
        var lastModified = modified.ToString("R", CultureInfo.InvariantCulture);
        context.Response.Headers.ETag = etag;
        context.Response.Headers.LastModified = lastModified;
        var ifNoneMatch = context.Request.Headers.IfNoneMatch.ToString();
        var ifModifiedSince = context.Request.Headers.IfModifiedSince.ToString();
        var unchanged = ifNoneMatch.Length > 0
            ? ifNoneMatch.Split(',').Any(tag => tag.Trim() == etag || tag.Trim() == "*")
            : DateTimeOffset.TryParse(ifModifiedSince, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since) && modified <= since;
        if (unchanged)
        {
            Interlocked.Increment(ref _notModified);
            return Results.StatusCode(304);
        }
        Interlocked.Increment(ref _fullResponses);
        return Results.Text(xml, contentType);
    }

    private static Uri Root(HttpContext context) => new($"{context.Request.Scheme}://{context.Request.Host}/");

    private static string Rfc822(DateTimeOffset time) => time.ToString("ddd, dd MMM yyyy HH:mm:ss 'GMT'", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string RssXml(Uri root, IReadOnlyList<FeedItem> items)
    {
        var xml = new StringBuilder($"""
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:podcast="https://podcastindex.org/namespace/1.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom">
              <channel>
                <title>Field Notes</title>
                <link>{root}</link>
                <atom:link href="{new Uri(root, RssPath)}" rel="self" type="application/rss+xml"/>
                <description>Sound walks and field recordings.</description>
                <language>en-gb</language>
                <copyright>© 2025 Field Notes Audio</copyright>
                <podcast:license url="https://creativecommons.org/licenses/by/4.0/">{License}</podcast:license>
                <podcast:guid>917393e3-1b1e-5cef-ace4-edaa54e1f810</podcast:guid>
                <itunes:author>Field Notes Audio</itunes:author>
                <itunes:explicit>false</itunes:explicit>
                <itunes:image href="{new Uri(root, "/art/field-notes.jpg")}"/>
                <itunes:category text="Science"><itunes:category text="Nature"/></itunes:category>

            """);
        foreach (var item in items.Reverse())
        {
            var guid = $"field-notes-{item.Slug}";
            xml.Append(CultureInfo.InvariantCulture, $"""
                    <item>
                      <title>{E(item.Title)}</title>
                      <link>{new Uri(root, $"/episodes/{item.Slug}/")}</link>
                      <guid isPermaLink="false">{guid}</guid>
                      <pubDate>{Rfc822(item.Published)}</pubDate>
                      <description><![CDATA[{item.Summary}]]></description>
                      <itunes:summary>{E(item.Summary)}</itunes:summary>
                      <itunes:duration>{TimeSpan.FromSeconds(item.DurationSeconds):hh\:mm\:ss}</itunes:duration>
                      <itunes:episodeType>full</itunes:episodeType>

                """);
            if (item.EnclosureType is { } type)
                xml.Append(CultureInfo.InvariantCulture, $"      <enclosure url=\"{new Uri(root, item.MediaPath)}\" length=\"{item.DurationSeconds * 16000}\" type=\"{type}\"/>\n");
            if (item.IsAudio)
            {
                xml.Append(CultureInfo.InvariantCulture, $"      <podcast:transcript url=\"{new Uri(root, $"/transcripts/{item.Slug}.vtt")}\" type=\"text/vtt\" language=\"en\"/>\n");
                xml.Append(CultureInfo.InvariantCulture, $"      <podcast:transcript url=\"{new Uri(root, $"/transcripts/{item.Slug}.json")}\" type=\"application/json\" rel=\"captions\"/>\n");
            }
            xml.Append("    </item>\n");
        }
        xml.Append("  </channel>\n</rss>\n");
        return xml.ToString();
    }

    private string AtomXml(Uri root)
    {
        var xml = new StringBuilder($"""
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
              <title>Night Sounds</title>
              <id>urn:uuid:5a1c8f9e-2d3b-4c6a-9e7f-0b1d2c3e4f50</id>
              <updated>{Atom[^1].Published:yyyy-MM-dd'T'HH:mm:ss'Z'}</updated>
              <link rel="self" href="{new Uri(root, AtomPath)}"/>
              <author><name>Ada Nightingale</name></author>
              <rights>CC BY-NC 4.0</rights>

            """);
        foreach (var item in Atom.Reverse())
        {
            xml.Append(CultureInfo.InvariantCulture, $"""
                  <entry>
                    <title>{E(item.Title)}</title>
                    <id>tag:night-sounds,2025:{item.Slug}</id>
                    <published>{item.Published:yyyy-MM-dd'T'HH:mm:ss'Z'}</published>
                    <updated>{item.Published:yyyy-MM-dd'T'HH:mm:ss'Z'}</updated>
                    <link rel="alternate" type="text/html" href="/night/{item.Slug}.html"/>
                    <link rel="enclosure" type="{item.EnclosureType}" length="{item.DurationSeconds * 16000}" href="{item.MediaPath}"/>
                    <summary type="html">{E(item.Summary)}</summary>
                    <itunes:duration>{item.DurationSeconds}</itunes:duration>
                  </entry>

                """);
        }
        xml.Append("</feed>\n");
        return xml.ToString();
    }

    private static string OpmlXml(Uri root) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <opml version="2.0">
          <head><title>My subscriptions</title></head>
          <body>
            <outline text="Nature" title="Nature">
              <outline type="rss" text="Field Notes" xmlUrl="{new Uri(root, RssPath)}" htmlUrl="{root}"/>
              <outline type="rss" text="Night Sounds" xmlUrl="{new Uri(root, AtomPath)}"/>
            </outline>
            <outline type="rss" text="Cut short" xmlUrl="{new Uri(root, BrokenPath)}"/>
            <outline type="rss" text="Laughs" xmlUrl="{new Uri(root, HostilePath)}"/>
            <outline type="rss" text="Moved" xmlUrl="{new Uri(root, NotAFeedPath)}"/>
          </body>
        </opml>
        """;

    private const string HostileXml = """
        <?xml version="1.0"?>
        <!DOCTYPE rss [
          <!ENTITY lol "lol">
          <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
          <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
          <!ENTITY xxe SYSTEM "file:///etc/passwd">
        ]>
        <rss version="2.0"><channel><title>&lol3;</title>
          <item><title>&xxe;</title><enclosure url="http://127.0.0.1/laugh.mp3" type="audio/mpeg"/></item>
        </channel></rss>
        """;
}
