using Crawler.Abstractions.Stats;

namespace Crawler.Core.Live;

/// <summary>summary.json in a job directory: how its last crawl ended, with the final stats (those of <c>--stats</c>).</summary>
/// <param name="Arguments">The command line that ran it (empty when not run from the CLI).</param>
public sealed record RunSummary(
    string Spider,
    string Outcome,
    string FinishReason,
    string? Failure,
    DateTimeOffset Ended,
    CrawlStatsSnapshot Stats,
    IReadOnlyList<HostActivity> Hosts,
    IReadOnlyList<RatePoint> History,
    IReadOnlyList<string> Arguments);
