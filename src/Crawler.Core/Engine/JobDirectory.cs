using System.Text.Json;
using AudioCrawl.Core.Configuration;
using AudioCrawl.Core.Pipeline;
using AudioCrawl.Core.Scheduling;

namespace AudioCrawl.Core.Engine;

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
        var jobFile = System.IO.Path.Combine(path, JobFile);
        var resuming = HoldsJob(path);
        if (File.Exists(jobFile))
        {
            var owner = JsonSerializer.Deserialize<JobInfo>(await File.ReadAllTextAsync(jobFile, cancellationToken).ConfigureAwait(false));
            if (owner is not null && owner.Spider != spider)
                throw new ConfigurationException($"--job-dir {path}: holds a job of spider '{owner.Spider}', not '{spider}'; use another directory.");
        }
        else
        {
            await File.WriteAllTextAsync(jobFile, JsonSerializer.Serialize(new JobInfo(spider, time.GetUtcNow())), cancellationToken).ConfigureAwait(false);
        }
        var frontier = await SqliteFrontier.OpenAsync(System.IO.Path.Combine(path, FrontierFile), cancellationToken).ConfigureAwait(false);
        var pairKeys = await SqlitePairKeyStore.OpenAsync(System.IO.Path.Combine(path, PairKeysFile), cancellationToken).ConfigureAwait(false);
        var spiderState = await SqliteSpiderState.OpenAsync(System.IO.Path.Combine(path, SpiderStateFile), cancellationToken).ConfigureAwait(false);
        return new JobDirectory(path, resuming, frontier, pairKeys, spiderState, new FailureLog(System.IO.Path.Combine(path, FailureLog.FileName), time), time);
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
