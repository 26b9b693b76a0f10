using System.Text.Json;
using AudioCrawl.Core.Http;
using AudioCrawl.Core.Storage;

namespace AudioCrawl.Core.Engine;

/// <summary>
/// failures.jsonl in a job directory: one JSON line per request that finally failed (after its retries), with the
/// reason and the whole request, each line appended whole or not at all (see <see cref="RecordFile"/>), so <c>--retry-failed</c> can schedule exactly those again.
/// </summary>
public sealed class FailureLog(string path, TimeProvider time) : IAsyncDisposable
{
    public const string FileName = "failures.jsonl";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private RecordFile? _file;

    public string Path => path;

    public async ValueTask RecordAsync(Request request, string reason, string message, CancellationToken cancellationToken = default)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(new FailureRecord(time.GetUtcNow(), reason, message, request));
        var record = new byte[line.Length + 1];
        line.CopyTo(record, 0);
        record[^1] = (byte)'\n';
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _file ??= OpenFile();
            await _file.AppendAsync(record, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private RecordFile OpenFile()
    {
        try
        {
            return RecordFile.OpenLines(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StorageWriteException(path, ex);
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
        if (_file is not null)
            await _file.DisposeAsync().ConfigureAwait(false);
        _file = null;
    }
}
