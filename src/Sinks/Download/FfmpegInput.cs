namespace Sinks.Download;

/// <summary>What ffmpeg's log says about one of its inputs and its first audio stream (each part null when it does not say).</summary>
public sealed record FfmpegInput(int Index, string Format, double? DurationSeconds, string? Codec, int? SampleRate, int? Channels);
