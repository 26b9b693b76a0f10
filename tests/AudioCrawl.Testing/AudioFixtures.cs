namespace AudioCrawl.Testing;

/// <summary>Real, small audio files made by ffmpeg from a sine tone, and broken ones, for download tests.</summary>
public static class AudioFixtures
{
    /// <summary>A stereo 44.1 kHz sine tone encoded by ffmpeg in the format the extension names (mp3, ogg, wav, flac, m4a).</summary>
    public static async Task<byte[]> ToneAsync(string folder, string extension, double seconds = 1, int frequency = 440)
    {
        var path = Path.Combine(folder, $"tone-{frequency}-{seconds}.{extension}");
        if (!File.Exists(path))
        {
            await ExternalTool.RunAsync("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", $"sine=frequency={frequency}:duration={seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}:sample_rate=44100",
                "-ac", "2", path);
        }
        return await File.ReadAllBytesAsync(path);
    }

    /// <summary>Starts like an MP3 (an ID3 tag) but holds no decodable audio.</summary>
    public static byte[] CorruptMp3()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        "ID3"u8.CopyTo(bytes);
        bytes[3] = 4;
        bytes[4] = 0;
        bytes[5] = 0;
        bytes[6] = bytes[7] = bytes[8] = 0;
        bytes[9] = 10;
        for (var i = 20; i < bytes.Length; i++)
            bytes[i] &= 0x7F; // no 0xFF bytes, so no MPEG frame sync anywhere
        return bytes;
    }

    /// <summary>A WAV header that promises audio, followed by no samples at all.</summary>
    public static byte[] EmptyWav() => AudioCrawl.SampleSite.WavTone.Create(440, seconds: 0);
}
