namespace AudioCrawl.Scheduling;

/// <summary>What one scheduler tick did: spiders started, and spiders due but skipped because their run was still going.</summary>
public sealed record ScheduleTick(IReadOnlyList<string> Started, IReadOnlyList<string> Skipped);
