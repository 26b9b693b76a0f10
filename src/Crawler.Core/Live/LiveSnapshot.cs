using Crawler.Abstractions.Stats;

namespace Crawler.Core.Live;

/// <summary>
/// What a running crawl publishes on its live feed once a second: the same <see cref="CrawlStatsSnapshot"/> the
/// terminal summary and <c>--stats</c> print, plus what only a live view needs (busiest hosts, recent failures, the
/// counters over time). The last one a crawl sends has <see cref="State"/> set to how it ended.
/// </summary>
/// <param name="State"><c>running</c>, or the outcome of the finished crawl (<c>finished</c>, <c>stopped</c>, <c>failed</c>, <c>empty</c>).</param>
/// <param name="Arguments">The command line that runs the crawl (empty when not run from the CLI).</param>
/// <param name="History">The cumulative counters sampled over the whole run, oldest first (coarser as the run grows).</param>
public sealed record LiveSnapshot(
    string Spider,
    int ProcessId,
    DateTimeOffset Time,
    string State,
    CrawlStatsSnapshot Stats,
    IReadOnlyList<HostActivity> Hosts,
    IReadOnlyList<LiveFailure> RecentFailures,
    IReadOnlyList<RatePoint> History,
    IReadOnlyList<string> Arguments);
