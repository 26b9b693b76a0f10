using System.Buffers.Binary;

namespace Sinks.Download;

/// <summary>
/// The last audio frame of a FLAC file: found from the file's end by its sync code and header CRC-8, and proven
/// whole by its CRC-16 footer being the file's last two bytes. A file whose write was cut short (a full disk refusing
/// the rest of a write, which ffmpeg does not always notice; it then rewrites STREAMINFO at the start, so the header
/// still promises every sample) has no such frame, or one that ends before STREAMINFO's total samples.
/// </summary>
public readonly record struct FlacLastFrame(long FirstSample, int BlockSize)
{
    /// <summary>Frame header (sync, codes, one-byte number, CRC-8), at least one subframe byte, CRC-16.</summary>
    private const int SmallestFrame = 6 + 1 + 2;

    /// <summary>A tail this long holds at least the last whole frame when STREAMINFO gives no frame size.</summary>
    private const int TailWithoutFrameSize = 1 << 20;

    /// <summary>Samples per channel once this frame is decoded: the file's total when the file is whole.</summary>
    public long EndSample => FirstSample + BlockSize;

    /// <summary>How many bytes of the file's end to read so that its last frame is among them.</summary>
    public static int TailLength(FlacStreamInfo info) => info.MaxFrameSize > 0 ? info.MaxFrameSize + SmallestFrame : TailWithoutFrameSize;

    /// <summary>
    /// The frame that ends exactly at the end of <paramref name="tail"/> (the last bytes of the file), or null when
    /// none does: the file was cut inside a frame.
    /// </summary>
    public static FlacLastFrame? Find(ReadOnlySpan<byte> tail, FlacStreamInfo info)
    {
        if (tail.Length < SmallestFrame)
            return null;
        var footer = BinaryPrimitives.ReadUInt16BigEndian(tail[^2..]);
        for (var start = tail.Length - SmallestFrame; start >= 0; start--)
        {
            if (tail[start] != 0xFF || (tail[start + 1] & 0xFE) != 0xF8)
                continue;
            if (ReadHeader(tail[start..^2], info) is { } frame && Crc16(tail[start..^2]) == footer)
                return frame;
        }
        return null;
    }

    /// <summary>The frame header at the start of <paramref name="frame"/>, when its fields are valid and its CRC-8 matches.</summary>
    private static FlacLastFrame? ReadHeader(ReadOnlySpan<byte> frame, FlacStreamInfo info)
    {
        var variableBlockSize = (frame[1] & 1) == 1;
        var blockCode = frame[2] >> 4;
        var rateCode = frame[2] & 0xF;
        var channelCode = frame[3] >> 4;
        if (blockCode == 0 || rateCode == 0xF || channelCode > 10 || (frame[3] & 1) != 0)
            return null;
        var position = 4;
        if (ReadCodedNumber(frame, ref position) is not { } number)
            return null;
        int blockSize;
        switch (blockCode)
        {
            case 1:
                blockSize = 192;
                break;
            case <= 5:
                blockSize = 576 << (blockCode - 2);
                break;
            case 6:
                if (position >= frame.Length)
                    return null;
                blockSize = frame[position++] + 1;
                break;
            case 7:
                if (position + 2 > frame.Length)
                    return null;
                blockSize = BinaryPrimitives.ReadUInt16BigEndian(frame[position..]) + 1;
                position += 2;
                break;
            default:
                blockSize = 256 << (blockCode - 8);
                break;
        }
        position += rateCode switch { 12 => 1, 13 or 14 => 2, _ => 0 };
        if (position >= frame.Length || Crc8(frame[..position]) != frame[position])
            return null;
        // A fixed-blocksize stream numbers its frames; a variable one numbers its first samples.
        return new FlacLastFrame(variableBlockSize ? number : number * info.MaxBlockSize, blockSize);
    }

    /// <summary>The UTF-8-like coded frame or sample number (1 to 7 bytes, up to 36 bits).</summary>
    private static long? ReadCodedNumber(ReadOnlySpan<byte> frame, ref int position)
    {
        if (position >= frame.Length)
            return null;
        var first = frame[position++];
        var (value, more) = first switch
        {
            < 0x80 => ((int)first, 0),
            _ when (first & 0xE0) == 0xC0 => (first & 0x1F, 1),
            _ when (first & 0xF0) == 0xE0 => (first & 0x0F, 2),
            _ when (first & 0xF8) == 0xF0 => (first & 0x07, 3),
            _ when (first & 0xFC) == 0xF8 => (first & 0x03, 4),
            _ when (first & 0xFE) == 0xFC => (first & 0x01, 5),
            0xFE => (0, 6),
            _ => (-1, 0),
        };
        if (value < 0 || position + more > frame.Length)
            return null;
        long number = value;
        for (var i = 0; i < more; i++)
        {
            var next = frame[position++];
            if ((next & 0xC0) != 0x80)
                return null;
            number = (number << 6) | (uint)(next & 0x3F);
        }
        return number;
    }

    /// <summary>CRC-8, polynomial x^8 + x^2 + x + 1, as the frame header's last byte.</summary>
    private static byte Crc8(ReadOnlySpan<byte> bytes)
    {
        var crc = 0;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
                crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x07) & 0xFF : (crc << 1) & 0xFF;
        }
        return (byte)crc;
    }

    /// <summary>CRC-16, polynomial x^16 + x^15 + x^2 + 1, over the whole frame before its footer.</summary>
    private static ushort Crc16(ReadOnlySpan<byte> bytes)
    {
        var crc = 0;
        foreach (var b in bytes)
        {
            crc ^= b << 8;
            for (var bit = 0; bit < 8; bit++)
                crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x8005) & 0xFFFF : (crc << 1) & 0xFFFF;
        }
        return (ushort)crc;
    }
}
