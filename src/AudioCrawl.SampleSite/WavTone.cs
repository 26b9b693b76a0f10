using System.Buffers.Binary;

namespace AudioCrawl.SampleSite;

/// <summary>Short PCM WAV sine tones: real audio that ffmpeg decodes, made without any file on disk.</summary>
public static class WavTone
{
    public static byte[] Create(double frequency, double seconds = 0.25, int sampleRate = 8000)
    {
        var samples = (int)(seconds * sampleRate);
        var data = samples * 2;
        var wav = new byte[44 + data];
        var span = wav.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 36 + data);
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], sampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], data);
        for (var i = 0; i < samples; i++)
        {
            var value = (short)(Math.Sin(2 * Math.PI * frequency * i / sampleRate) * short.MaxValue * 0.5);
            BinaryPrimitives.WriteInt16LittleEndian(span[(44 + i * 2)..], value);
        }
        return wav;
    }
}
