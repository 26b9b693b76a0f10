namespace AudioCrawl.FaultSuite;

/// <summary>What a scenario leaves to compare: the final url,text CSV and, when it packed audio, its shard folder.</summary>
public sealed record CrawlOutput(string Csv, string? Shards = null);
