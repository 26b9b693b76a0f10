using System.Globalization;
using System.Text;

namespace Crawler.Abstractions.Politeness;

/// <summary>
/// Brings rule patterns and URL paths to one form before matching (RFC 9309 2.2.2): non-ASCII characters are
/// percent-encoded as UTF-8, escapes of unreserved characters are decoded, and other escapes use upper-case hex.
/// </summary>
public static class RobotsPath
{
    /// <summary>The path and query of a URL as robots rules see them (an empty path is "/").</summary>
    public static string Of(Uri url)
    {
        var pathAndQuery = url.GetComponents(UriComponents.PathAndQuery, UriFormat.UriEscaped);
        return Normalize(pathAndQuery.Length == 0 ? "/" : pathAndQuery);
    }

    public static string Normalize(string value)
    {
        var builder = new StringBuilder(value.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '%' && i + 2 < value.Length && IsHex(value[i + 1]) && IsHex(value[i + 2]))
            {
                var decoded = (char)int.Parse(value.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (IsUnreserved(decoded))
                    builder.Append(decoded);
                else
                    builder.Append('%').Append(char.ToUpperInvariant(value[i + 1])).Append(char.ToUpperInvariant(value[i + 2]));
                i += 2;
            }
            else if (c > 0x7F)
            {
                var length = char.IsHighSurrogate(c) && i + 1 < value.Length
                    ? Encoding.UTF8.GetBytes(value.AsSpan(i++, 2), utf8)
                    : Encoding.UTF8.GetBytes(value.AsSpan(i, 1), utf8);
                foreach (var b in utf8[..length])
                    builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static bool IsUnreserved(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~';
}
