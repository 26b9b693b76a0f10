namespace AudioCrawl.SampleSite;

/// <summary>
/// A valid MPEG-1 Layer III stream of silence (32 kbit/s, 32 kHz, mono), made without an encoder: every frame has
/// all-zero side information, which decoders play as silence. Real MP3 that ffmpeg and browsers accept.
/// </summary>
public static class SilentMp3
{
    private const int FrameBytes = 144; // 144 * 32000 bit/s / 32000 Hz, no padding
    private const double FrameSeconds = 1152.0 / 32000;

    public static byte[] Create(double seconds = 0.5)
    {
        var frames = Math.Max(1, (int)Math.Ceiling(seconds / FrameSeconds));
        var mp3 = new byte[frames * FrameBytes];
        for (var i = 0; i < frames; i++)
        {
            var frame = mp3.AsSpan(i * FrameBytes);
            frame[0] = 0xFF; // sync
            frame[1] = 0xFB; // sync, MPEG-1, Layer III, no CRC
            frame[2] = 0x18; // 32 kbit/s, 32 kHz, no padding
            frame[3] = 0xC4; // mono, original
        }
        return mp3;
    }
}
