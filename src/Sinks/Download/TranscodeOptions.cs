namespace Sinks.Download;

/// <summary>What every sample is turned into.</summary>
public sealed record TranscodeOptions
{
    /// <summary>The ffmpeg audio codec. Default <c>flac</c>.</summary>
    public string Codec { get; init; } = "flac";

    /// <summary>The file extension (and tar member suffix) for the codec. Default <c>flac</c>.</summary>
    public string Extension { get; init; } = "flac";

    /// <summary>Output sample rate in Hz. Default 48000, as LAION's CLAP data asks.</summary>
    public int SampleRate { get; init; } = 48_000;

    /// <summary>Output channels. Default 1 (mono).</summary>
    public int Channels { get; init; } = 1;

    /// <summary>The folder holding ffmpeg and ffprobe; empty means PATH.</summary>
    public string FfmpegFolder { get; init; } = "";

    /// <summary>Longest audio kept, in seconds, after any segment cut; 0 means no limit.</summary>
    public double MaxDurationSeconds { get; init; }

    /// <summary>
    /// Most inputs one ffmpeg process converts together (<c>-i a -i b … -map 0:a a.flac -map 1:a b.flac</c>), so short
    /// clips do not each pay for a process start. 1 converts file by file. Default 16.
    /// </summary>
    public int BatchMaxFiles { get; init; } = 16;

    /// <summary>
    /// Most audio, in seconds, one batch holds, estimated from the downloads' sizes at
    /// <see cref="BatchBytesPerSecond"/> (ffmpeg is not asked first: that would cost the process a batch saves).
    /// A download longer than this is converted alone. Default 120.
    /// </summary>
    public double BatchAudioSeconds { get; init; } = 120;

    /// <summary>Bytes per second of audio assumed when sizing batches: 16000 (128 kbit/s); uncompressed inputs look longer, so their batches are smaller.</summary>
    public const int BatchBytesPerSecond = 16_000;

    public static string ExtensionFor(string codec) => codec switch
    {
        "flac" => "flac",
        "libmp3lame" or "mp3" => "mp3",
        "libvorbis" or "vorbis" => "ogg",
        "libopus" or "opus" => "opus",
        "pcm_s16le" or "pcm_s24le" or "pcm_f32le" => "wav",
        "aac" => "m4a",
        _ => codec,
    };
}
