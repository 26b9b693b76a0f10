using System.Runtime.InteropServices;
using System.Xml;
using System.Xml.Linq;

namespace Crawler.Core.Xml;

/// <summary>
/// XML from the web read without its dangers: no DTD (so no entity expansion, "billion laughs", and no external
/// entities), no resolver, and a cap on the document's size. Sitemaps, feeds and OPML lists are all read this way.
/// </summary>
public static class SafeXml
{
    /// <summary>Reader settings that refuse a DOCTYPE and stop past <paramref name="maxCharacters"/> characters.</summary>
    public static XmlReaderSettings ReaderSettings(long maxCharacters) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        // Zero would mean "unlimited" to XmlReader; with DTDs prohibited no entity can be declared anyway.
        MaxCharactersFromEntities = 1024,
        MaxCharactersInDocument = maxCharacters,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = true,
    };

    /// <summary>A reader over <paramref name="xml"/> with <see cref="ReaderSettings"/>.</summary>
    public static XmlReader CreateReader(ReadOnlyMemory<byte> xml, long maxCharacters)
    {
        var stream = MemoryMarshal.TryGetArray(xml, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(xml.ToArray(), writable: false);
        return XmlReader.Create(stream, ReaderSettings(maxCharacters));
    }

    /// <summary>Parses <paramref name="xml"/> into an XDocument through <see cref="CreateReader"/>; throws <see cref="XmlException"/>.</summary>
    public static XDocument Load(ReadOnlyMemory<byte> xml, long maxCharacters = 64L * 1024 * 1024)
    {
        using var reader = CreateReader(xml, maxCharacters);
        return XDocument.Load(reader, LoadOptions.None);
    }
}
