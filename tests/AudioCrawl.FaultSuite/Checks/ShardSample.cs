namespace AudioCrawl.FaultSuite.Checks;

/// <summary>One sample of a shard as an independent reader (Python's tarfile) read it.</summary>
public sealed record ShardSample(string Key, string Text, string? AudioExtension, long AudioBytes);
