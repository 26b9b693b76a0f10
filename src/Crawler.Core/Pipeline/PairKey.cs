using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Crawler.Abstractions.Spiders;

namespace Crawler.Core.Pipeline;

/// <summary>The identity of a pair for de-duplication: a 128-bit hash of its URL and text.</summary>
public readonly record struct PairKey(UInt128 Value)
{
    public static PairKey Of(AudioPair pair) => Of(pair.Url.AbsoluteUri, pair.Text);

    public static PairKey Of(string url, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(url + "\n" + text);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes, hash);
        return new PairKey(BinaryPrimitives.ReadUInt128BigEndian(hash));
    }

    public override string ToString() => Value.ToString("x32", System.Globalization.CultureInfo.InvariantCulture);
}
