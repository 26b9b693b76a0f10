using System.Xml;
using System.Xml.Linq;
using Crawler.Abstractions.Http;
using Crawler.Core.Xml;

namespace Crawlers.Feed;

/// <summary>The feed URLs of an OPML subscription list: every <c>&lt;outline xmlUrl="…"&gt;</c>, nested ones included.</summary>
public static class OpmlReader
{
    /// <exception cref="FeedFormatException">Not well-formed XML, a DTD, or no <c>&lt;opml&gt;&lt;body&gt;</c>.</exception>
    public static IReadOnlyList<Uri> FeedUrls(ReadOnlyMemory<byte> body, Uri baseUrl)
    {
        XDocument document;
        try
        {
            document = SafeXml.Load(body);
        }
        catch (XmlException ex)
        {
            throw new FeedFormatException($"is not a readable OPML file (line {ex.LineNumber}): {ex.Message}", ex);
        }
        if (document.Root is not { Name.LocalName: "opml" } root || root.Element("body") is not { } outlines)
            throw new FeedFormatException($"is not OPML: expected <opml><body>, found <{document.Root?.Name.LocalName}>");
        return outlines.Descendants("outline")
            .Select(o => LinkResolver.Resolve(baseUrl, (string?)o.Attribute("xmlUrl")))
            .OfType<Uri>()
            .Distinct()
            .ToArray();
    }
}
