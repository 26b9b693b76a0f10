using System.Text.Json;
using Crawler.Abstractions.Http;
using Crawler.Core.Storage;

namespace Crawler.Core.Engine;

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

    /// <summary>
    /// The failures recorded so far. A torn last line (a killed process) is skipped; an unreadable line before it is
    /// damage: a <see cref="DamagedStateException"/> naming the line, as <c>--retry-failed</c> would otherwise
    /// silently not retry that request.
    /// </summary>
    public static async Task<IReadOnlyList<FailureRecord>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
            return [];
        var read = await JsonLinesFile.ReadAsync<FailureRecord>(path, cancellationToken: cancellationToken).ConfigureAwait(false);
        return read.ThrowIfDamaged(path, "a failure record", JobDirectory.RebuildHint);
    }

    public async ValueTask DisposeAsync()
    {
        if (_file is not null)
            await _file.DisposeAsync().ConfigureAwait(false);
        _file = null;
    }
}
