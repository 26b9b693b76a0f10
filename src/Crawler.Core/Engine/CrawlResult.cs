using AudioCrawl.Core.Stats;

namespace AudioCrawl.Core.Engine;

public sealed record CrawlResult(CrawlOutcome Outcome, string FinishReason, CrawlStatsSnapshot Stats, string? FailureMessage);
