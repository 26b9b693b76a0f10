namespace AudioCrawl.Sinks.Download;

/// <summary>The encoded sample and what ffprobe says about the input and the output.</summary>
public sealed record TranscodedAudio(
    byte[] Data,
    double DurationSeconds,
    int SampleRate,
    int Channels,
    string OriginalFormat,
    string? OriginalCodec,
    int? OriginalSampleRate,
    int? OriginalChannels,
    double? OriginalDurationSeconds);
