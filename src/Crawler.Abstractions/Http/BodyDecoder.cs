using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace Crawler.Abstractions.Http;

/// <summary>
/// Undoes a Content-Encoding (gzip, deflate, br) with a limit on the decoded size (a decompression bomb stops at
/// the limit), and checks that the compressed body was complete: .NET's decompressing streams end quietly on a
/// body cut short, so gzip's length trailer, zlib's Adler-32 and brotli's end marker are checked here.
/// </summary>
public static class BodyDecoder
{
    public const string AcceptEncoding = "gzip, deflate, br";

    public static ReadOnlyMemory<byte> Decode(Uri url, string? contentEncoding, ReadOnlyMemory<byte> raw, long limit)
    {
        var encoding = contentEncoding?.Trim().ToLowerInvariant();
        try
        {
            return encoding switch
            {
                "gzip" or "x-gzip" => Gzip(url, raw, limit),
                "deflate" => Deflate(url, raw, limit),
                "br" => Brotli(url, raw, limit),
                _ => raw,
            };
        }
        catch (InvalidDataException ex)
        {
            throw new FetchException(FetchErrorKinds.Decoding, url, $"the {encoding} body is corrupt: {ex.Message}", ex);
        }
    }

    private static ReadOnlyMemory<byte> Gzip(Uri url, ReadOnlyMemory<byte> raw, long limit)
    {
        if (raw.Length < 18)
            throw CutShort(url, "gzip");
        var decoded = Inflate(url, new GZipStream(new ReadOnlyMemoryStream(raw), CompressionMode.Decompress), limit);
        var expected = BinaryPrimitives.ReadUInt32LittleEndian(raw.Span[^4..]);
        if ((uint)decoded.Length != expected)
            throw CutShort(url, "gzip");
        return decoded;
    }

    private static ReadOnlyMemory<byte> Deflate(Uri url, ReadOnlyMemory<byte> raw, long limit)
    {
        // HTTP's "deflate" is zlib-wrapped; some servers send a raw deflate stream, which has no checksum to check.
        var looksZlib = raw.Length >= 2 && (raw.Span[0] & 0x0F) == 8 && ((raw.Span[0] << 8) | raw.Span[1]) % 31 == 0;
        if (!looksZlib)
            return Inflate(url, new DeflateStream(new ReadOnlyMemoryStream(raw), CompressionMode.Decompress), limit);
        if (raw.Length < 6)
            throw CutShort(url, "deflate");
        var decoded = Inflate(url, new ZLibStream(new ReadOnlyMemoryStream(raw), CompressionMode.Decompress), limit);
        if (Adler32(decoded.Span) != BinaryPrimitives.ReadUInt32BigEndian(raw.Span[^4..]))
            throw CutShort(url, "deflate");
        return decoded;
    }

    private static ReadOnlyMemory<byte> Brotli(Uri url, ReadOnlyMemory<byte> raw, long limit)
    {
        using var decoder = new BrotliDecoder();
        var output = new ArrayBufferWriter<byte>(Math.Max(raw.Length * 4, 1024));
        var input = raw.Span;
        while (true)
        {
            var status = decoder.Decompress(input, output.GetSpan(64 * 1024), out var consumed, out var written);
            input = input[consumed..];
            output.Advance(written);
            if (output.WrittenCount > limit)
                throw TooLarge(url, limit);
            switch (status)
            {
                case OperationStatus.Done:
                    return output.WrittenMemory;
                case OperationStatus.NeedMoreData:
                    throw CutShort(url, "br");
                case OperationStatus.InvalidData:
                    throw new InvalidDataException("invalid brotli data");
            }
        }
    }

    private static ReadOnlyMemory<byte> Inflate(Uri url, Stream decompressing, long limit)
    {
        using (decompressing)
        {
            var output = new ArrayBufferWriter<byte>(64 * 1024);
            while (true)
            {
                var read = decompressing.Read(output.GetSpan(64 * 1024));
                if (read == 0)
                    return output.WrittenMemory;
                output.Advance(read);
                if (output.WrittenCount > limit)
                    throw TooLarge(url, limit);
            }
        }
    }

    private static uint Adler32(ReadOnlySpan<byte> data)
    {
        const uint Mod = 65521;
        uint a = 1, b = 0;
        while (data.Length > 0)
        {
            var chunk = data[..Math.Min(data.Length, 5552)];
            foreach (var value in chunk)
            {
                a += value;
                b += a;
            }
            a %= Mod;
            b %= Mod;
            data = data[chunk.Length..];
        }
        return (b << 16) | a;
    }

    private static FetchException CutShort(Uri url, string encoding) =>
        new(FetchErrorKinds.Decoding, url, $"the {encoding} body was cut short (its trailer does not match what was decoded).");

    private static FetchException TooLarge(Uri url, long limit) =>
        new(FetchErrorKinds.TooLarge, url, $"the decompressed body passed the limit of {limit} bytes; abandoned (a decompression bomb?).");

    private sealed class ReadOnlyMemoryStream(ReadOnlyMemory<byte> memory) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => memory.Length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var count = Math.Min(buffer.Length, memory.Length - _position);
            memory.Span.Slice(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
