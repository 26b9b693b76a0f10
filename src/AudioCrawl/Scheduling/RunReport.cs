using Crawler.Core.Engine;
using Crawler.Core.Runs;

namespace AudioCrawl.Scheduling;

/// <summary>What one scheduled run did; <see cref="Status"/> is null when it was skipped because a run was in progress.</summary>
public sealed record RunReport(string Spider, RunStatus? Status, long RunId, string? Output, long NewPairs, bool Resumed, CrawlResult? Result)
{
    public bool Skipped => Status is null;

    public static RunReport SkippedRun(string spider) => new(spider, null, 0, null, 0, false, null);
}
