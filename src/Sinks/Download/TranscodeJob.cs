namespace Sinks.Download;

/// <summary>One input of a conversion: a downloaded file and the part of it to keep.</summary>
public sealed record TranscodeJob(string InputPath, AudioSegment? Segment = null);
