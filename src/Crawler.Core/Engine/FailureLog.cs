using System.Text.Json;
using AudioCrawl.Core.Http;

namespace AudioCrawl.Core.Engine;

/// <summary>
/// failures.jsonl in a job directory: one JSON line per request that finally failed (after its retries), with the
/// reason and the whole request, so <c>--retry-failed</c> can schedule exactly those again.
/// </summary>
public sealed class FailureLog(string path, TimeProvider time) : IAsyncDisposable
{
    public const string FileName = "failures.jsonl";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private StreamWriter? _writer;

    public string Path => path;

    public async ValueTask RecordAsync(Request request, string reason, string message, CancellationToken cancellationToken = default)
    {
        var line = JsonSerializer.Serialize(new FailureRecord(time.GetUtcNow(), reason, message, request));
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _writer ??= new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read), new System.Text.UTF8Encoding(false));
            await _writer.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
            await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The failures recorded so far (a torn last line, from a killed process, is skipped).</summary>
    public static async Task<IReadOnlyList<FailureRecord>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
            return [];
        var records = new List<FailureRecord>();
        var number = 0;
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            try
            {
                if (JsonSerializer.Deserialize<FailureRecord>(line) is { } record)
                    records.Add(record);
            }
            catch (JsonException)
            {
                // Only a line cut short by a kill is expected here; anything else is reported by the count.
            }
        }
        return records;
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null)
            await _writer.DisposeAsync().ConfigureAwait(false);
        _writer = null;
    }
}
