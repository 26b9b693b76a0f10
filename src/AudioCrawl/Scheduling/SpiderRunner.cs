using System.Globalization;
using AudioCrawl.Running;
using Crawler.Abstractions;
using Crawler.Core.Configuration;
using Crawler.Core.Engine;
using Crawler.Core.Hosting;
using Crawler.Core.Metrics;
using Crawler.Core.Pipeline;
using Crawler.Core.Runs;
using Crawler.Core.Storage;
using Microsoft.Extensions.Logging;
using Sinks.Csv;

namespace AudioCrawl.Scheduling;

/// <summary>
/// One incremental run of a spider in its state directory (<c>DIR/&lt;spider&gt;/</c>): takes the run lock, continues
/// the job an interrupted run left in <c>job/</c> (same output file) or starts one writing
/// <c>pairs-YYYYMMDD-HHMMSS.csv</c>, skips pairs earlier runs delivered and pages the re-crawl policy says are fresh,
/// and records the run in state.db. What <c>run-once</c> does and what <c>schedule</c> does when a spider is due.
/// <paramref name="hosts"/> makes the crawl host of a plan (the CLI's: HTTP and browser fetchers); the run adds its
/// job, re-crawl frontier, delivered-pair filter and CSV sink (of <paramref name="csvColumns"/>, default url,text) to it.
/// With <paramref name="rebuildJob"/> (<c>--rebuild-job</c>) the unfinished job a spider's first run finds is rebuilt
/// from its CSV (<see cref="JobDirectory.RebuildAsync"/>) instead of opened; later runs of the process open theirs.
/// </summary>
public sealed class SpiderRunner(
    string stateDirectory,
    CrawlerConfig config,
    Func<string, CrawlPlan> plan,
    Func<CrawlPlan, CrawlHostBuilder> hosts,
    ILoggerFactory loggers,
    TimeProvider time,
    Action<CrawlEngine>? onStarted = null,
    IReadOnlyList<string>? csvColumns = null,
    bool rebuildJob = false) : IScheduledRunner
{
    public const string JobFolder = "job";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _rebuilt = new(StringComparer.Ordinal);

    private readonly ILogger _logger = loggers.CreateLogger("runs");

    public string SpiderDirectory(string spider) => Path.Combine(stateDirectory, spider);

    public bool HasUnfinishedJob(string spider) => JobDirectory.HoldsJob(Path.Combine(SpiderDirectory(spider), JobFolder));

    public async Task<RunReport> RunAsync(string spider, CancellationToken stopToken = default)
    {
        var crawl = plan(spider);
        var schedule = SpiderSchedule.Of(config, spider);
        var directory = SpiderDirectory(spider);
        using var runLock = RunLock.TryAcquire(directory);
        if (runLock is null)
        {
            _logger.LogWarning("{Spider}: skipped, a run is still in progress (it holds {Lock}).", spider, Path.Combine(directory, RunLock.FileName));
            return RunReport.SkippedRun(spider);
        }

        await using var state = await SpiderState.OpenAsync(directory, CancellationToken.None).ConfigureAwait(false);
        var history = await state.ListRunsAsync(CancellationToken.None).ConfigureAwait(false);
        var jobPath = Path.Combine(directory, JobFolder);
        if (JobDirectory.HoldsJob(jobPath) && history.Count > 0 && history[^1].Status == RunStatus.Finished)
            Directory.Delete(jobPath, recursive: true); // the process died between recording the run and removing its job
        var resuming = JobDirectory.HoldsJob(jobPath) && history.Count > 0;
        var output = resuming ? history[^1].Output : NewOutputPath(directory);
        var interrupted = history.Where(r => r.Status == RunStatus.Running).ToArray();

        var runId = await state.StartRunAsync(spider, time.GetUtcNow(), output, CancellationToken.None).ConfigureAwait(false);
        foreach (var dead in interrupted)
            await state.MarkResumedAsync(dead.Id, runId, CancellationToken.None).ConfigureAwait(false);
        if (resuming)
            _logger.LogInformation("{Spider}: run {Run} continues the unfinished job of run {Previous} into {Output}.", spider, runId, history[^1].Id, output);
        else
            _logger.LogInformation("{Spider}: run {Run} started, new pairs go to {Output}.", spider, runId, output);

        CrawlResult result;
        try
        {
            await using (var job = await OpenJobAsync(spider, jobPath, crawl.Name).ConfigureAwait(false))
            {
                await ResumeJob.PrepareAsync(job, output, retryFailed: false, loggers, CancellationToken.None).ConfigureAwait(false);
                var conditional = new ConditionalGet(state);
                var frontier = new RecrawlFrontier(job.Frontier, state, schedule?.RecrawlAfter, time, conditional, job.IsRebuilt ? UnfinishedSince(history) : null);
                var mode = File.Exists(output) ? CsvSinkMode.Append : CsvSinkMode.CreateNew;
                await using var host = hosts(crawl)
                    .AddJobDirectory(job)
                    .AddFrontier(frontier)
                    .AddPairKeys(new DeliveredPairFilter(state, job.PairKeys))
                    .AddFetchStage(new FetchStage(FetchStageOrder.Outermost, "conditional-get", (_, next) => conditional.Around(next)))
                    .AddCsvSink(new CsvSinkSettings { Path = output, Mode = mode, Columns = string.Join(',', csvColumns ?? CsvColumns.Default) })
                    .AddTimeline(new TimelineOptions(TimelineFile.Beside(output)))
                    .Build();
                result = await host.RunAsync(crawl, onStarted, stopToken).ConfigureAwait(false);
                if (conditional.NotModified > 0)
                    _logger.LogInformation("{Spider}: {NotModified} pages were unchanged since the last run (304 Not Modified to a conditional GET).", spider, conditional.NotModified);
                if (frontier.Skipped > 0)
                    _logger.LogInformation("{Spider}: {Skipped} pages fetched by earlier runs were not fetched again (re-crawl policy; {Unchanged} of them by sitemap lastmod).", spider, frontier.Skipped, frontier.SkippedUnchanged);
                if ((frontier.Skipped > 0 || conditional.NotModified > 0) && result.FoundNothing is { NoPairs: true, FailedContracts.Count: 0 })
                {
                    // The pages that would have pairs were fetched by earlier runs or answered 304: nothing new, not a changed site.
                    _logger.LogInformation("{Spider}: no new pairs; the pages that had them were fetched by earlier runs.", spider);
                    result = result with { Outcome = result.Outcome == CrawlOutcome.Empty ? CrawlOutcome.Finished : result.Outcome, FoundNothing = null };
                }
            }
        }
        catch (DamagedStateException ex)
        {
            await state.EndRunAsync(runId, RunStatus.Failed, time.GetUtcNow(), 0, 1, [], ex.Message, CancellationToken.None).ConfigureAwait(false);
            throw ex.WithWayOn($"Run the same command with --rebuild-job to rebuild the job from {output} (its rows are kept and not written again; the rest is crawled again from the start requests), or delete {jobPath} and run again: the run starts over into a new CSV (pairs delivered by finished runs are not written again).");
        }
        catch (Exception ex) when (ex is CrawlerException or IOException or UnauthorizedAccessException)
        {
            await state.EndRunAsync(runId, RunStatus.Failed, time.GetUtcNow(), 0, 1, [], ex.Message, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        var status = result.Outcome switch
        {
            CrawlOutcome.Finished or CrawlOutcome.Empty => RunStatus.Finished,
            CrawlOutcome.Stopped => RunStatus.Cancelled,
            _ => RunStatus.Failed,
        };
        var pairs = await KeysOfAsync(output).ConfigureAwait(false);
        var errors = result.Stats.ErrorsByKind.Values.Sum();
        await state.EndRunAsync(runId, status, time.GetUtcNow(), result.Stats.Requests, errors, pairs, result.FailureMessage ?? result.FoundNothing?.Message ?? result.FinishReason, CancellationToken.None).ConfigureAwait(false);
        if (status == RunStatus.Finished)
            Directory.Delete(jobPath, recursive: true);
        _logger.LogInformation("{Spider}: run {Run} {Status}: {Pairs} new pairs in {Output}, {Requests} requests, {Errors} errors.",
            spider, runId, status.ToString().ToLowerInvariant(), pairs.Count, output, result.Stats.Requests, errors);
        return new RunReport(spider, status, runId, output, pairs.Count, resuming, result);
    }

    private async Task<JobDirectory> OpenJobAsync(string spider, string jobPath, string name)
    {
        if (rebuildJob && Directory.Exists(jobPath) && _rebuilt.TryAdd(spider, true))
            return await JobDirectory.RebuildAsync(jobPath, name, time, CancellationToken.None).ConfigureAwait(false);
        return await JobDirectory.OpenAsync(jobPath, name, time, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>When the runs since the last finished one began: the fetches of the job they left behind.</summary>
    private static DateTimeOffset? UnfinishedSince(IReadOnlyList<RunRecord> history)
    {
        var lastFinished = history.ToList().FindLastIndex(run => run.Status == RunStatus.Finished);
        return history.Skip(lastFinished + 1).Select(run => (DateTimeOffset?)run.Started).Min();
    }

    private string NewOutputPath(string directory)
    {
        var stamp = time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var path = Path.Combine(directory, $"pairs-{stamp}.csv");
        for (var n = 2; File.Exists(path); n++)
            path = Path.Combine(directory, $"pairs-{stamp}-{n}.csv");
        return path;
    }

    private static async Task<IReadOnlyCollection<PairKey>> KeysOfAsync(string csv)
    {
        var keys = new HashSet<PairKey>();
        if (!File.Exists(csv) || new FileInfo(csv).Length == 0)
            return keys;
        await foreach (var row in CsvPairReader.ReadAsync(csv).ConfigureAwait(false))
            keys.Add(PairKey.Of(row.Url, row.Text));
        return keys;
    }
}
