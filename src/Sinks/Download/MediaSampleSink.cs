namespace Sinks.Download;

/// <summary>An audio sink that takes a sample (by its media handler name) and the sample's row in that sink's record.</summary>
public sealed record MediaSampleSink(string Sink, long Row);
