using System.Text;
using System.Text.Json;

namespace AudioCrawl.Sinks.Download;

/// <summary>
/// The crash-safe record of outcomes (<c>_status.jsonl</c>): one JSON line per final outcome, flushed as it
/// happens. Successes are written when their shard is complete, failures when they fail. A re-run reads it to
/// know which rows failed before; the Parquet status table is built from it.
/// </summary>
public sealed class StatusJournal : IAsyncDisposable
{
    public const string FileName = "_status.jsonl";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly FileStream _stream;

    private StatusJournal(FileStream stream, IReadOnlyDictionary<string, SampleStatus> previous)
    {
        _stream = stream;
        Previous = previous;
    }

    /// <summary>The latest outcome per key from earlier runs.</summary>
    public IReadOnlyDictionary<string, SampleStatus> Previous { get; }

    public static async Task<StatusJournal> OpenAsync(string folder, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(folder, FileName);
        var previous = new Dictionary<string, SampleStatus>(StringComparer.Ordinal);
        if (File.Exists(path))
        {
            foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false))
            {
                SampleStatus? status;
                try
                {
                    status = JsonSerializer.Deserialize<SampleStatus>(line);
                }
                catch (JsonException)
                {
                    continue; // the half-written last line of a killed run
                }
                if (status is not null && status.Key.Length > 0)
                    previous[status.Key] = status;
            }
        }
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 4096);
        if (stream.Length > 0)
            stream.Write("\n"u8); // ends a line a killed run left half-written; blank lines are skipped
        return new StatusJournal(stream, previous);
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
            _stream.Write(bytes);
            _stream.Flush();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stream.Flush(flushToDisk: true);
        await _stream.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }
}
