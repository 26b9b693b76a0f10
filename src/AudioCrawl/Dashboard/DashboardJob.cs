using Crawler.Core.Live;

namespace AudioCrawl.Dashboard;

/// <summary>A job directory the dashboard shows: one given with --job-dir, or the job of a state directory's spider.</summary>
/// <param name="Status">running, finished, stopped, failed, empty, locked, interrupted, or new (no crawl has used it).</param>
/// <param name="Live">While it runs: the snapshot its live feed sent as the dashboard connected.</param>
/// <param name="Source"><c>job-dir</c>, or <c>state-dir</c> for the job of a scheduled spider.</param>
public sealed record DashboardJob(string Path, string? Spider, string Status, string Source, RunSummary? Summary, LiveSnapshot? Live);
