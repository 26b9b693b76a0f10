using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Crawler.Abstractions.Http;

namespace Crawler.Core.Scheduling;

/// <summary>
/// What makes two requests the same page: method, canonical URL and body, hashed to 128 bits.
/// </summary>
public readonly record struct RequestFingerprint(UInt128 Value)
{
    public static RequestFingerprint Of(Request request)
    {
        var canonical = UrlCanonicalizer.Canonicalize(request.Url);
        var method = request.Method.ToUpperInvariant();
        var body = request.Body ?? [];
        var buffer = new byte[Encoding.UTF8.GetMaxByteCount(method.Length + canonical.Length + 2) + body.Length];
        var length = Encoding.UTF8.GetBytes(method, buffer);
        buffer[length++] = (byte)' ';
        length += Encoding.UTF8.GetBytes(canonical, buffer.AsSpan(length));
        buffer[length++] = (byte)'\n';
        body.CopyTo(buffer.AsSpan(length));
        length += body.Length;
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer.AsSpan(0, length), hash);
        return new RequestFingerprint(BinaryPrimitives.ReadUInt128BigEndian(hash));
    }

    public override string ToString() => Value.ToString("x32", System.Globalization.CultureInfo.InvariantCulture);

    public static RequestFingerprint Parse(string hex) =>
        new(UInt128.Parse(hex, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture));
}
