namespace Sinks.Download;

/// <summary>
/// The encoded sample and what ffmpeg's log says about the input and the output header about the result. The audio
/// is <see cref="File"/> on disk when it is set (<see cref="Data"/> then empty): a long sample never has to sit in memory.
/// </summary>
public sealed record TranscodedAudio(
    byte[] Data,
    double DurationSeconds,
    int SampleRate,
    int Channels,
    string OriginalFormat,
    string? OriginalCodec,
    int? OriginalSampleRate,
    int? OriginalChannels,
    double? OriginalDurationSeconds)
{
    /// <summary>The encoded file, which the shard writer copies in and deletes; null when the audio is in <see cref="Data"/>.</summary>
    public string? File { get; init; }
}
