using Crawler.Abstractions.Stats;

namespace Crawler.Redis;

/// <summary>What one worker last published: its counters and whether it is still crawling.</summary>
public sealed record WorkerStats(string WorkerId, string State, DateTimeOffset PublishedAtUtc, CrawlStatsSnapshot Stats);
