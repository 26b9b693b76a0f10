using Crawler.Core.Engine;
using Crawler.Core.Pipeline;
using Microsoft.Extensions.Logging;
using Sinks.Csv;

namespace AudioCrawl.Running;

/// <summary>
/// Gets a job directory and its CSV ready to continue: cuts a torn last row, makes the stored pair keys match the
/// rows the CSV really holds (a kill can leave keys claimed whose rows never reached the file), and with
/// --retry-failed schedules the recorded failures again.
/// </summary>
public static class ResumeJob
{
    public static async Task<bool> PrepareAsync(JobDirectory job, string csvPath, bool retryFailed, ILoggerFactory loggers, CancellationToken cancellationToken = default)
    {
        var logger = loggers.CreateLogger("job");
        if (job.IsResuming)
        {
            if (!File.Exists(csvPath) && !job.IsRebuilt)
                logger.LogWarning("{Path} does not exist: the pairs of the requests this job already finished are not fetched again; only the rest of the crawl will be in the new file.", csvPath);
            var cut = await CsvTailRepair.RepairAsync(csvPath, cancellationToken).ConfigureAwait(false);
            if (cut > 0)
                logger.LogWarning("{Path}: cut a torn last row of {Bytes} bytes (kept in {Path}.torn); its pair is fetched again.", csvPath, cut, csvPath);
            var keys = await job.PairKeys.ReconcileAsync(KeysOf(csvPath, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (job.IsRebuilt)
                logger.LogWarning("Rebuilt the job in {Directory}{Aside}: the {Rows} pairs of {Path} are kept and not written again; the rest is crawled again from the start requests.",
                    job.Path, job.SetAside is null ? "" : $" (its old state is in {job.SetAside})", keys, csvPath);
            logger.LogInformation("Resuming the job in {Directory}: {Pending} requests pending ({Requeued} were in flight), {Rows} rows already in {Path}.",
                job.Path, await job.Frontier.CountAsync(cancellationToken).ConfigureAwait(false), job.Frontier.Requeued, keys, csvPath);
        }
        if (retryFailed)
        {
            var scheduled = await job.RequeueFailuresAsync(cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Scheduled {Count} failed requests again.", scheduled);
        }
        return job.IsResuming;
    }

    private static async IAsyncEnumerable<PairKey> KeysOf(string csvPath, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!File.Exists(csvPath) || new FileInfo(csvPath).Length == 0)
            yield break;
        await foreach (var row in CsvPairReader.ReadAsync(csvPath, cancellationToken).ConfigureAwait(false))
            yield return PairKey.Of(row.Url, row.Text);
    }
}
