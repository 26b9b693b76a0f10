using System.Text.Json;
using Crawler.Core.Configuration;
using Crawler.Core.Pipeline;
using Crawler.Core.Scheduling;
using Crawler.Core.Storage;

namespace Crawler.Core.Engine;

/// <summary>
/// A crawl's state on disk (<c>--job-dir</c>): the frontier and seen fingerprints (frontier.db), the emitted pair
/// keys (pairs.db), the spider's state (spider-state.db), the final failures (failures.jsonl) and which spider the job belongs to (job.json). Running the
/// same command again resumes the job.
/// </summary>
public sealed class JobDirectory : IAsyncDisposable
{
    public const string FrontierFile = "frontier.db";
    public const string PairKeysFile = "pairs.db";
    public const string SpiderStateFile = "spider-state.db";
    public const string JobFile = "job.json";

    /// <summary>The per-sample record of the job's audio downloads (written by the download sinks).</summary>
    public const string SampleRecordFile = "samples.jsonl";

    private readonly TimeProvider _time;

    private JobDirectory(string path, bool resuming, SqliteFrontier frontier, SqlitePairKeyStore pairKeys, SqliteSpiderState spiderState, FailureLog failures, TimeProvider time)
    {
        _time = time;
        Path = path;
        IsResuming = resuming;
        Frontier = frontier;
        PairKeys = pairKeys;
        SpiderState = spiderState;
        Failures = failures;
    }

    public string Path { get; }

    /// <summary>True when the directory held a job already (this run continues it).</summary>
    public bool IsResuming { get; }

    public SqliteFrontier Frontier { get; }

    public SqlitePairKeyStore PairKeys { get; }

    public SqliteSpiderState SpiderState { get; }

    public FailureLog Failures { get; }

    /// <summary>Whether <paramref name="path"/> holds a job that opening it would resume.</summary>
    public static bool HoldsJob(string path) => File.Exists(System.IO.Path.Combine(path, FrontierFile));

    /// <summary>What a damaged job directory's error says to do.</summary>
    public const string RebuildHint = "Run the same command with --rebuild-job to rebuild the job from the CSV (its rows are kept and not written again; the rest is crawled again from the start requests), or delete the job directory to start over.";

    /// <summary>Where <see cref="RebuildAsync"/> set the old state files aside, or null when the job was not rebuilt.</summary>
    public string? SetAside { get; private init; }

    public static async Task<JobDirectory> OpenAsync(string path, string spider, TimeProvider time, CancellationToken cancellationToken = default)
    {
        if (File.Exists(path))
            throw new ConfigurationException($"--job-dir {path}: is a file, not a directory.");
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"--job-dir {path}: cannot create the directory ({ex.Message}).");
        }
        var resuming = HoldsJob(path);
        await ClaimAsync(path, spider, time, cancellationToken).ConfigureAwait(false);
        var failures = System.IO.Path.Combine(path, FailureLog.FileName);
        await FailureLog.ReadAsync(failures, cancellationToken).ConfigureAwait(false); // damage is found now, not at --retry-failed
        SqliteFrontier? frontier = null;
        try
        {
            frontier = await SqliteFrontier.OpenAsync(System.IO.Path.Combine(path, FrontierFile), cancellationToken).ConfigureAwait(false);
            var pairKeys = await SqlitePairKeyStore.OpenAsync(System.IO.Path.Combine(path, PairKeysFile), cancellationToken).ConfigureAwait(false);
            var spiderState = await SqliteSpiderState.OpenAsync(System.IO.Path.Combine(path, SpiderStateFile), cancellationToken).ConfigureAwait(false);
            return new JobDirectory(path, resuming, frontier, pairKeys, spiderState, new FailureLog(failures, time), time);
        }
        catch (DamagedStateException ex)
        {
            if (frontier is not null)
                await frontier.DisposeAsync().ConfigureAwait(false);
            throw ex.WithWayOn(RebuildHint);
        }
    }

    /// <summary>
    /// <c>--rebuild-job</c>: sets job.json, frontier.db, pairs.db and spider-state.db aside (in <c>damaged-{time}/</c>)
    /// and opens the job afresh, as a resume: the pair keys are then rebuilt from the rows the CSV holds and the crawl
    /// starts again from the start requests, so no pair the CSV holds is written twice. failures.jsonl and the sample
    /// records (samples.jsonl, and samples-&lt;sink&gt;.jsonl of further audio sinks) are kept; when they have damaged lines, the damaged file is set aside too and its
    /// readable lines are kept.
    /// </summary>
    public static async Task<JobDirectory> RebuildAsync(string path, string spider, TimeProvider time, CancellationToken cancellationToken = default)
    {
        string? aside = null;
        if (Directory.Exists(path))
        {
            var folder = SetAsideFolder(path, time);
            string Aside() => aside = folder();
            foreach (var file in new[] { JobFile, FrontierFile, PairKeysFile, SpiderStateFile }.SelectMany(f => new[] { f, f + "-wal", f + "-shm" }))
            {
                var source = System.IO.Path.Combine(path, file);
                if (File.Exists(source))
                    File.Move(source, System.IO.Path.Combine(Aside(), file));
            }
            // samples-<sink>.jsonl: the records of a crawl's audio sinks after the first.
            var otherRecords = Directory.EnumerateFiles(path, $"{System.IO.Path.GetFileNameWithoutExtension(SampleRecordFile)}-*.jsonl").Select(f => System.IO.Path.GetFileName(f));
            foreach (var lines in new[] { FailureLog.FileName, SampleRecordFile }.Concat(otherRecords))
                await JsonLinesFile.SalvageAsync(System.IO.Path.Combine(path, lines), Aside, cancellationToken).ConfigureAwait(false);
        }
        var job = await OpenAsync(path, spider, time, cancellationToken).ConfigureAwait(false);
        return new JobDirectory(job.Path, resuming: true, job.Frontier, job.PairKeys, job.SpiderState, job.Failures, time) { SetAside = aside, IsRebuilt = true };
    }

    /// <summary>The <c>damaged-{time}/</c> folder in <paramref name="directory"/> that <c>--rebuild-job</c> moves damaged state into, made on first use.</summary>
    public static Func<string> SetAsideFolder(string directory, TimeProvider time)
    {
        var stamp = time.GetUtcNow().ToString("yyyyMMddTHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
        string? made = null;
        return () => made ??= Directory.CreateDirectory(System.IO.Path.Combine(directory, $"damaged-{stamp}")).FullName;
    }

    /// <summary>True when <see cref="RebuildAsync"/> opened it.</summary>
    public bool IsRebuilt { get; private init; }

    /// <summary>Checks that job.json names this spider, or writes it for a new job (whole, through a rename).</summary>
    private static async Task ClaimAsync(string path, string spider, TimeProvider time, CancellationToken cancellationToken)
    {
        var jobFile = System.IO.Path.Combine(path, JobFile);
        if (File.Exists(jobFile))
        {
            JobInfo? owner;
            try
            {
                owner = JsonSerializer.Deserialize<JobInfo>(await File.ReadAllTextAsync(jobFile, cancellationToken).ConfigureAwait(false));
            }
            catch (JsonException ex)
            {
                throw new DamagedStateException(jobFile, $"not valid JSON ({ex.Message})", RebuildHint, ex);
            }
            if (owner is null || string.IsNullOrWhiteSpace(owner.Spider))
                throw new DamagedStateException(jobFile, "it names no spider", RebuildHint);
            if (owner.Spider != spider)
                throw new ConfigurationException($"--job-dir {path}: holds a job of spider '{owner.Spider}', not '{spider}'; use another directory.");
            return;
        }
        try
        {
            await File.WriteAllTextAsync(jobFile + ".tmp", JsonSerializer.Serialize(new JobInfo(spider, time.GetUtcNow())), cancellationToken).ConfigureAwait(false);
            File.Move(jobFile + ".tmp", jobFile, overwrite: true);
        }
        catch (IOException ex)
        {
            throw new StorageWriteException(jobFile, ex);
        }
    }

    /// <summary>
    /// Schedules every request of failures.jsonl again (past the seen-fingerprint filter) and sets the file aside
    /// as failures.retried-*.jsonl, so the new run records only what fails again. Returns how many.
    /// </summary>
    public async Task<int> RequeueFailuresAsync(CancellationToken cancellationToken = default)
    {
        var failed = await FailureLog.ReadAsync(Failures.Path, cancellationToken).ConfigureAwait(false);
        var seen = new HashSet<RequestFingerprint>();
        var scheduled = 0;
        foreach (var record in failed)
        {
            if (seen.Add(RequestFingerprint.Of(record.Request)) && await Frontier.EnqueueAsync(record.Request with { DontFilter = true }, cancellationToken).ConfigureAwait(false))
                scheduled++;
        }
        if (File.Exists(Failures.Path))
        {
            await Failures.DisposeAsync().ConfigureAwait(false);
            var stamp = _time.GetUtcNow().ToString("yyyyMMddTHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
            File.Move(Failures.Path, System.IO.Path.Combine(Path, $"failures.retried-{stamp}.jsonl"));
        }
        return scheduled;
    }

    public async ValueTask DisposeAsync()
    {
        await Failures.DisposeAsync().ConfigureAwait(false);
        await PairKeys.DisposeAsync().ConfigureAwait(false);
        await SpiderState.DisposeAsync().ConfigureAwait(false);
        await Frontier.DisposeAsync().ConfigureAwait(false);
    }

    private sealed record JobInfo(string Spider, DateTimeOffset Created);
}
