using System.Globalization;
using System.Xml;
using Crawler.Abstractions.Http;
using Crawler.Core.Xml;

namespace Crawler.Core.Sitemaps;

/// <summary>
/// Reads a sitemap file (sitemaps.org 0.9): a <c>&lt;urlset&gt;</c> or a <c>&lt;sitemapindex&gt;</c>, plain or gzipped
/// (recognised by the gzip magic bytes, so a <c>.xml.gz</c> served without Content-Encoding works). Element names
/// are matched by local name, whatever their namespace, as Scrapy does; only a <c>&lt;loc&gt;</c> or
/// <c>&lt;lastmod&gt;</c> directly inside an entry counts (an <c>image:loc</c> deeper down does not).
/// Hostile files are refused, never expanded: no DTD processing, no external resolution, no entities beyond XML's
/// five, and size, entry count and nesting bounded by <see cref="SitemapLimits"/>. Every refusal is a
/// <see cref="SitemapException"/> naming the file.
/// </summary>
public static class SitemapReader
{
    private static readonly string[] W3CDateTimeFormats =
    [
        "yyyy", "yyyy-MM", "yyyy-MM-dd",
        "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    public static SitemapDocument Read(Uri location, ReadOnlyMemory<byte> body, SitemapLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        limits ??= SitemapLimits.Default;
        var xml = IsGzip(body.Span) ? Gunzip(location, body, limits.MaxUncompressedBytes) : body;
        if (xml.Length > limits.MaxUncompressedBytes)
            throw TooLarge(location, limits);
        xml = SkipLeadingBlankLines(xml);
        using var reader = SafeXml.CreateReader(xml, limits.MaxUncompressedBytes);
        var kind = ReadRoot(location, reader, xml.Span);
        var entries = new List<SitemapEntry>();
        var invalid = 0;
        try
        {
            invalid = ReadEntries(location, kind, reader, limits, entries);
            return new SitemapDocument(location, kind, entries, invalid);
        }
        catch (XmlException ex)
        {
            throw new SitemapException(location, SitemapFailureReasons.Malformed, $"is not well-formed XML: {ex.Message}", ex)
            {
                ReadBeforeError = new SitemapDocument(location, kind, entries, invalid),
            };
        }
    }

    /// <summary>Reads the stream to its end (at most the size limit) and parses it as <see cref="Read(Uri, ReadOnlyMemory{byte}, SitemapLimits?)"/> does.</summary>
    public static async Task<SitemapDocument> ReadAsync(Uri location, Stream body, SitemapLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        limits ??= SitemapLimits.Default;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limits.MaxUncompressedBytes)
                throw TooLarge(location, limits);
        }
        return Read(location, buffer.GetBuffer().AsMemory(0, (int)buffer.Length), limits);
    }

    /// <summary>A W3C Datetime as sitemaps use it (a year, a date, or a date and time with a zone); UTC when no zone is given; null when unreadable.</summary>
    public static DateTimeOffset? ParseLastModified(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        const DateTimeStyles Styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces;
        var trimmed = text.Trim();
        if (DateTimeOffset.TryParseExact(trimmed, W3CDateTimeFormats, CultureInfo.InvariantCulture, Styles, out var exact))
            return exact;
        return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, Styles, out var loose) ? loose : null;
    }

    /// <summary>
    /// Blank lines before the XML declaration (which XML forbids) are common on real sites, where a template
    /// printed them; they are dropped, after a UTF-8 byte order mark too.
    /// </summary>
    private static ReadOnlyMemory<byte> SkipLeadingBlankLines(ReadOnlyMemory<byte> xml)
    {
        var span = xml.Span;
        var start = span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        var end = start;
        while (end < span.Length && span[end] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            end++;
        return end == start ? xml : xml[end..];
    }

    private static bool IsGzip(ReadOnlySpan<byte> body) => body.Length >= 2 && body[0] == 0x1F && body[1] == 0x8B;

    private static ReadOnlyMemory<byte> Gunzip(Uri location, ReadOnlyMemory<byte> body, long limit)
    {
        try
        {
            return BodyDecoder.Decode(location, "gzip", body, limit);
        }
        catch (FetchException ex) when (ex.Kind == FetchErrorKinds.TooLarge)
        {
            throw new SitemapException(location, SitemapFailureReasons.TooLarge, $"unzips to more than {limit} bytes.", ex);
        }
        catch (FetchException ex)
        {
            throw new SitemapException(location, SitemapFailureReasons.Malformed, $"is not a readable gzip file: {ex.Message}", ex);
        }
    }

    /// <summary>Reads the prolog up to the root element: the only place a DOCTYPE can be.</summary>
    private static SitemapKind ReadRoot(Uri location, XmlReader reader, ReadOnlySpan<byte> xml)
    {
        XmlNodeType node;
        try
        {
            node = reader.MoveToContent();
        }
        catch (XmlException ex) when (xml.IndexOf("<!DOCTYPE"u8) >= 0)
        {
            throw new SitemapException(location, SitemapFailureReasons.DtdRefused, "has a DOCTYPE; DTDs are never processed.", ex);
        }
        catch (XmlException ex)
        {
            throw Malformed(location, ex);
        }
        if (node != XmlNodeType.Element)
            throw new SitemapException(location, SitemapFailureReasons.Malformed, "has no root element.");
        return reader.LocalName switch
        {
            "urlset" => SitemapKind.UrlSet,
            "sitemapindex" => SitemapKind.Index,
            var other => throw new SitemapException(location, SitemapFailureReasons.NotASitemap, $"has the root <{other}>, not <urlset> or <sitemapindex>."),
        };
    }

    /// <summary>Reads the entries into <paramref name="entries"/> (so those before an error are kept); returns how many were invalid.</summary>
    private static int ReadEntries(Uri location, SitemapKind kind, XmlReader reader, SitemapLimits limits, List<SitemapEntry> entries)
    {
        var entryName = kind == SitemapKind.UrlSet ? "url" : "sitemap";
        var invalid = 0;
        if (reader.IsEmptyElement)
            return 0;
        reader.Read();
        while (!(reader.NodeType == XmlNodeType.EndElement && reader.Depth == 0))
        {
            CheckDepth(location, reader, limits);
            if (reader.NodeType == XmlNodeType.Element && reader.Depth == 1 && reader.LocalName == entryName)
            {
                if (ReadEntry(location, reader, limits) is { } entry)
                    entries.Add(entry);
                else
                    invalid++;
                if (entries.Count + invalid > limits.MaxEntries)
                    throw new SitemapException(location, SitemapFailureReasons.TooManyUrls, $"lists more than {limits.MaxEntries} entries.");
            }
            else if (!reader.Read())
            {
                break;
            }
        }
        // Whatever follows the root must still be well-formed (only comments, PIs and whitespace may).
        while (reader.Read())
        {
        }
        return invalid;
    }

    /// <summary>Reads one entry element and leaves the reader after its end.</summary>
    private static SitemapEntry? ReadEntry(Uri location, XmlReader reader, SitemapLimits limits)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return null;
        }
        string? loc = null, lastmod = null;
        reader.Read();
        while (!(reader.NodeType == XmlNodeType.EndElement && reader.Depth == 1))
        {
            CheckDepth(location, reader, limits);
            if (reader.NodeType == XmlNodeType.Element && reader.Depth == 2 && reader.LocalName is "loc")
                loc = ReadText(reader);
            else if (reader.NodeType == XmlNodeType.Element && reader.Depth == 2 && reader.LocalName is "lastmod")
                lastmod = ReadText(reader);
            else if (!reader.Read())
                break;
        }
        reader.Read();
        return Absolute(location, loc) is { } url ? new SitemapEntry(url, ParseLastModified(lastmod)) : null;
    }

    private static string ReadText(XmlReader reader) => reader.IsEmptyElement ? ReadEmpty(reader) : reader.ReadElementContentAsString();

    private static string ReadEmpty(XmlReader reader)
    {
        reader.Read();
        return "";
    }

    private static Uri? Absolute(Uri location, string? loc)
    {
        if (string.IsNullOrWhiteSpace(loc))
            return null;
        return LinkResolver.Resolve(location, loc.Trim());
    }

    private static void CheckDepth(Uri location, XmlReader reader, SitemapLimits limits)
    {
        if (reader.Depth >= limits.MaxDepth)
            throw new SitemapException(location, SitemapFailureReasons.TooDeep, $"nests elements deeper than {limits.MaxDepth} levels.");
    }

    private static SitemapException Malformed(Uri location, XmlException ex) =>
        new(location, SitemapFailureReasons.Malformed, $"is not well-formed XML: {ex.Message}", ex);

    private static SitemapException TooLarge(Uri location, SitemapLimits limits) =>
        new(location, SitemapFailureReasons.TooLarge, $"is larger than {limits.MaxUncompressedBytes} bytes.");
}
