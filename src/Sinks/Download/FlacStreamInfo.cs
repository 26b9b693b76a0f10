using System.Buffers.Binary;

namespace Sinks.Download;

/// <summary>
/// The STREAMINFO block every FLAC file starts with (after <c>fLaC</c>): enough to check a conversion without a
/// second process. <see cref="TotalSamples"/> is samples per channel; 0 means none (or, in a stream written to a
/// pipe, unknown: ffmpeg can fill it in only when it can seek back).
/// </summary>
public readonly record struct FlacStreamInfo(int SampleRate, int Channels, int BitsPerSample, long TotalSamples)
{
    /// <summary>Samples per channel in every frame but the last of a fixed-blocksize stream (ffmpeg writes those).</summary>
    public int MaxBlockSize { get; init; }

    /// <summary>The largest frame in bytes; 0 when the encoder did not say.</summary>
    public int MaxFrameSize { get; init; }

    /// <summary>The marker, the block header and the 34-byte STREAMINFO block.</summary>
    public const int HeaderLength = 4 + 4 + 34;

    public double DurationSeconds => SampleRate > 0 ? (double)TotalSamples / SampleRate : 0;

    /// <summary>Reads the header; null when the bytes do not start with a FLAC STREAMINFO block.</summary>
    public static FlacStreamInfo? TryRead(ReadOnlySpan<byte> file)
    {
        if (file.Length < HeaderLength || !file.StartsWith("fLaC"u8))
            return null;
        var blockType = file[4] & 0x7F;
        var blockLength = (file[5] << 16) | (file[6] << 8) | file[7];
        if (blockType != 0 || blockLength < 34)
            return null;
        var block = file.Slice(8, 34);
        var maxBlockSize = BinaryPrimitives.ReadUInt16BigEndian(block[2..]);
        var maxFrameSize = (block[7] << 16) | (block[8] << 8) | block[9];
        // Bytes 10..17 of the block: 20 bits sample rate, 3 bits channels - 1, 5 bits bits-per-sample - 1, 36 bits total samples.
        var packed = BinaryPrimitives.ReadUInt64BigEndian(file.Slice(8 + 10, 8));
        var sampleRate = (int)(packed >> 44);
        var channels = (int)((packed >> 41) & 0x7) + 1;
        var bitsPerSample = (int)((packed >> 36) & 0x1F) + 1;
        var totalSamples = (long)(packed & 0xF_FFFF_FFFF);
        return sampleRate == 0 ? null : new FlacStreamInfo(sampleRate, channels, bitsPerSample, totalSamples) { MaxBlockSize = maxBlockSize, MaxFrameSize = maxFrameSize };
    }
}
