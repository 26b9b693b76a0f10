namespace Sinks.Download;

/// <summary>The outcome of one <see cref="TranscodeJob"/>: the sample, or why there is none.</summary>
public sealed record TranscodeResult(TranscodeJob Job, TranscodedAudio? Audio, SampleRejectedException? Rejection);
