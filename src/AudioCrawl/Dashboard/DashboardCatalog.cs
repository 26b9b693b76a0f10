using System.Text.Json;
using AudioCrawl.Scheduling;
using Crawler.Core.Engine;
using Crawler.Core.Live;
using Crawler.Core.Runs;

namespace AudioCrawl.Dashboard;

/// <summary>
/// What the dashboard lists, read afresh from disk on each call: the runs of the state directory (state.db of each
/// spider), the job directories it was pointed at, and the unfinished job of each scheduled spider. A job is running
/// while its live feed answers; else its summary.json says how it ended.
/// </summary>
public sealed class DashboardCatalog(DashboardOptions options)
{
    private readonly string[] _jobDirectories = [.. options.JobDirectories.Select(Path.GetFullPath)];

    public async Task<IReadOnlyList<DashboardRun>> RunsAsync(CancellationToken cancellationToken = default)
    {
        var runs = new List<DashboardRun>();
        foreach (var spiderDirectory in SpiderDirectories())
        {
            var spider = Path.GetFileName(spiderDirectory);
            var job = Path.Combine(spiderDirectory, SpiderRunner.JobFolder);
            IReadOnlyList<RunRecord> history;
            await using (var state = await SpiderState.OpenAsync(spiderDirectory, cancellationToken).ConfigureAwait(false))
                history = await state.ListRunsAsync(cancellationToken).ConfigureAwait(false);
            // Probing the run lock takes it for a moment (a run starting then would be refused): only when a run claims to run.
            var claimsToRun = history.Any(r => r.Status == RunStatus.Running);
            var live = claimsToRun && await LiveFeedReader.IsLiveAsync(job, cancellationToken).ConfigureAwait(false);
            var locked = claimsToRun && !live && RunLock.IsHeld(spiderDirectory);
            foreach (var run in history)
            {
                var unfinished = run.Status is not RunStatus.Finished and not RunStatus.Resumed && ReferenceEquals(run, history[^1]) && JobDirectory.HoldsJob(job);
                var status = run.Status == RunStatus.Running ? live ? "running" : locked ? "locked" : "interrupted" : run.Status.ToString().ToLowerInvariant();
                runs.Add(new DashboardRun(spider, run.Id, run.Started, run.Ended, status, run.Requests, run.NewPairs, run.Errors, run.Output, run.Message, unfinished ? job : null));
            }
        }
        return [.. runs.OrderByDescending(r => r.Started)];
    }

    public async Task<IReadOnlyList<DashboardJob>> JobsAsync(CancellationToken cancellationToken = default)
    {
        var jobs = new List<DashboardJob>();
        foreach (var path in _jobDirectories)
            jobs.Add(await JobAsync(path, cancellationToken).ConfigureAwait(false));
        foreach (var spiderDirectory in SpiderDirectories())
        {
            var job = Path.Combine(spiderDirectory, SpiderRunner.JobFolder);
            if (JobDirectory.HoldsJob(job))
                jobs.Add(await JobAsync(job, cancellationToken).ConfigureAwait(false));
        }
        return jobs;
    }

    /// <summary>Whether <paramref name="path"/> is one of the job directories this dashboard shows (no other path is read).</summary>
    public bool Shows(string path)
    {
        var full = Path.GetFullPath(path);
        return _jobDirectories.Contains(full, StringComparer.Ordinal)
            || SpiderDirectories().Any(d => Path.Combine(d, SpiderRunner.JobFolder) == full);
    }

    public async Task<DashboardJob> JobAsync(string path, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(path);
        var spiderDirectory = Path.GetDirectoryName(full)!;
        var scheduled = SpiderDirectories().Contains(spiderDirectory, StringComparer.Ordinal) && Path.GetFileName(full) == SpiderRunner.JobFolder;
        var summary = await ReadSummaryAsync(full, cancellationToken).ConfigureAwait(false);
        var live = await LiveFeedReader.FirstSnapshotAsync(full, cancellationToken).ConfigureAwait(false);
        string status;
        if (live is not null)
            status = "running";
        else if (summary is not null)
            status = summary.Outcome;
        else if (scheduled && RunLock.IsHeld(spiderDirectory))
            status = "locked";
        else
            status = JobDirectory.HoldsJob(full) ? "interrupted" : "new";
        return new DashboardJob(full, summary?.Spider ?? await SpiderOfAsync(full, cancellationToken).ConfigureAwait(false), status, scheduled ? "state-dir" : "job-dir", summary, live);
    }

    private IEnumerable<string> SpiderDirectories() =>
        options.StateDirectory is { } root && Directory.Exists(root)
            ? Directory.GetDirectories(Path.GetFullPath(root)).Where(d => File.Exists(Path.Combine(d, SpiderState.FileName))).Order(StringComparer.Ordinal)
            : [];

    private static async Task<RunSummary?> ReadSummaryAsync(string job, CancellationToken cancellationToken)
    {
        var path = LiveFeedPaths.Summary(job);
        if (!File.Exists(path))
            return null;
        try
        {
            await using var stream = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync<RunSummary>(stream, LiveJson.Options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is JsonException or IOException)
        {
            return null; // being replaced, or damaged: the job shows as if it had no summary
        }
    }

    private static async Task<string?> SpiderOfAsync(string job, CancellationToken cancellationToken)
    {
        var path = Path.Combine(job, JobDirectory.JobFile);
        if (!File.Exists(path))
            return null;
        try
        {
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));
            return document.RootElement.TryGetProperty("Spider", out var spider) ? spider.GetString() : null;
        }
        catch (Exception ex) when (ex is JsonException or IOException)
        {
            return null;
        }
    }
}
