using System.Text;
using System.Text.Json;
using Crawler.Core.Engine;
using Crawler.Core.Storage;

namespace Sinks.Download;

/// <summary>
/// The crash-safe per-sample record: one JSON line per change, flushed as it happens: <c>pending</c> when a sample is
/// scheduled, <c>success</c> when its shard is complete, <c>failed</c> (with the reason) when it fails. In a job
/// directory it is <c>samples.jsonl</c> (shared by the job's resume, <c>--retry-failed</c> and <c>download --job-dir</c>),
/// else <c>_status.jsonl</c> in the output folder. A re-run reads the latest line per key; the Parquet status table is built from it.
/// </summary>
public sealed class StatusJournal : IAsyncDisposable
{
    public const string FileName = "_status.jsonl";

    /// <summary>The record's name in a job directory.</summary>
    public const string JobFileName = JobDirectory.SampleRecordFile;

    /// <summary>What a damaged record's error says to do.</summary>
    public const string WayOn = "Run the same command with --rebuild-job to set it aside and keep its readable lines, or move it away and run again: samples already in the output are found there, and those it recorded as failed are tried again.";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly RecordFile _file;

    private StatusJournal(RecordFile file, IReadOnlyDictionary<string, SampleStatus> previous)
    {
        _file = file;
        Previous = previous;
    }

    /// <summary>The latest outcome per key from earlier runs.</summary>
    public IReadOnlyDictionary<string, SampleStatus> Previous { get; }

    /// <summary>
    /// Where the record of samples written to <paramref name="output"/> lives: in <paramref name="jobDirectory"/> when
    /// given, as <c>samples-{sink}.jsonl</c> for a crawl's audio sink after the first (<paramref name="sink"/>).
    /// </summary>
    public static string PathFor(string output, string? jobDirectory, string? sink = null) =>
        jobDirectory is null ? Path.Combine(output, FileName)
        : sink is null ? Path.Combine(jobDirectory, JobFileName)
        : Path.Combine(jobDirectory, $"{Path.GetFileNameWithoutExtension(JobFileName)}-{sink}{Path.GetExtension(JobFileName)}");

    public static async Task<StatusJournal> OpenAsync(string path, CancellationToken cancellationToken = default)
    {
        var previous = new Dictionary<string, SampleStatus>(StringComparer.Ordinal);
        if (File.Exists(path))
        {
            var read = await JsonLinesFile.ReadAsync<SampleStatus>(path, cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var status in read.ThrowIfDamaged(path, "a status record", WayOn))
            {
                if (status.Key.Length > 0)
                    previous[status.Key] = status;
            }
        }
        // Cuts the half-written last line of a killed run, so the next line does not run into it.
        return new StatusJournal(RecordFile.OpenLines(path), previous);
    }

    public async ValueTask AppendAsync(IEnumerable<SampleStatus> statuses, CancellationToken cancellationToken = default)
    {
        var text = new StringBuilder();
        foreach (var status in statuses)
            text.Append(JsonSerializer.Serialize(status)).Append('\n');
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // One write system call, made here: a line or a shard's lines are a few hundred bytes, and the async
            // path would hand each flush to the thread pool (one hand-off per sample with loose files).
            // Whole lines or nothing: a failed write (a full disk) cuts the file back to its last complete line.
            _file.Append(bytes);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _file.Sync();
        }
        finally
        {
            await _file.DisposeAsync().ConfigureAwait(false);
        }
        _gate.Dispose();
    }
}
