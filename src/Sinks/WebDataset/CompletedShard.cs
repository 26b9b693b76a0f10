namespace Sinks.WebDataset;

/// <summary>A finished shard: its <c>.tar</c>, its <c>_stats.json</c> and the folder's <c>sizes.json</c>, all complete on disk.</summary>
public sealed record CompletedShard(string ShardPath, string StatsPath, string SizesPath, int Samples);
