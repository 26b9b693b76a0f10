using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

namespace Crawler.Abstractions.Http;

/// <summary>Finds a body's encoding the way browsers do: BOM, then the Content-Type charset, then a meta tag, then UTF-8.</summary>
internal static partial class CharsetDetector
{
    private const int MetaSniffBytes = 4096;

    static CharsetDetector() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Detect(string? contentType, ReadOnlySpan<byte> body)
    {
        if (body.StartsWith("\uFEFF"u8) || body.StartsWith(Encoding.UTF8.Preamble))
            return new UTF8Encoding(false);
        if (body.Length >= 2 && body[0] == 0xFF && body[1] == 0xFE)
            return Encoding.Unicode;
        if (body.Length >= 2 && body[0] == 0xFE && body[1] == 0xFF)
            return Encoding.BigEndianUnicode;

        if (MediaTypeHeaderValue.TryParse(contentType, out var parsed) && FromName(parsed.CharSet) is { } declared)
            return declared;

        var head = Encoding.Latin1.GetString(body[..Math.Min(body.Length, MetaSniffBytes)]);
        var match = MetaCharset().Match(head);
        if (match.Success && FromName(match.Groups["charset"].Value) is { } meta)
            return meta;

        return new UTF8Encoding(false);
    }

    private static Encoding? FromName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return null;
        try
        {
            return Encoding.GetEncoding(name.Trim().Trim('"', '\''));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    [GeneratedRegex("""<meta[^>]+charset\s*=\s*["']?(?<charset>[A-Za-z0-9_\-:.]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex MetaCharset();
}
