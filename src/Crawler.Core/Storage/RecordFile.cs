namespace Crawler.Core.Storage;

/// <summary>
/// A file that grows by whole records (CSV rows, JSON lines): every append lands completely or not at all. The
/// length after the last successful append is kept; when a write fails (a full disk, an I/O error) the file is
/// cut back to it, so no reader and no resume ever sees a torn record, and the error names the file and the cause.
/// Give it an unbuffered stream: a buffer inside the stream would write records behind the file's back.
/// </summary>
public sealed class RecordFile : IAsyncDisposable
{
    private readonly Stream _stream;

    public RecordFile(string path, Stream stream)
    {
        Path = path;
        _stream = stream;
        Length = stream.Length;
        stream.Position = Length;
    }

    public string Path { get; }

    /// <summary>The bytes of the complete records in the file.</summary>
    public long Length { get; private set; }

    /// <summary>Opens <paramref name="path"/> to append (or, with <paramref name="truncate"/>, empty), unbuffered.</summary>
    public static RecordFile Open(string path, bool truncate = false) =>
        new(path, new FileStream(path, truncate ? FileMode.Create : FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, bufferSize: 0));

    /// <summary>
    /// Opens a file of lines (JSON lines) to append, first cutting what follows its last line break: the line a
    /// killed process left half-written, which the next append would otherwise run into.
    /// </summary>
    public static RecordFile OpenLines(string path)
    {
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
        try
        {
            stream.SetLength(LastLineEnd(stream));
        }
        catch (IOException ex)
        {
            stream.Dispose();
            throw new StorageWriteException(path, ex);
        }
        return new RecordFile(path, stream);
    }

    private static long LastLineEnd(FileStream stream)
    {
        var buffer = new byte[4096];
        var end = stream.Length;
        while (end > 0)
        {
            var start = Math.Max(0, end - buffer.Length);
            stream.Position = start;
            var chunk = buffer.AsSpan(0, (int)(end - start));
            stream.ReadExactly(chunk);
            var newline = chunk.LastIndexOf((byte)'\n');
            if (newline >= 0)
                return start + newline + 1;
            end = start;
        }
        return 0;
    }

    /// <summary>Appends <paramref name="records"/> (one or more whole records) in one write.</summary>
    public void Append(ReadOnlySpan<byte> records)
    {
        try
        {
            _stream.Write(records);
            _stream.Flush();
        }
        catch (IOException ex)
        {
            throw CutBack(ex);
        }
        Length += records.Length;
    }

    /// <summary>
    /// Appends <paramref name="records"/>; cancellation is not honoured once the write started (a cancelled write
    /// would tear the last record as surely as a full disk).
    /// </summary>
    public async ValueTask AppendAsync(ReadOnlyMemory<byte> records, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            await _stream.WriteAsync(records, CancellationToken.None).ConfigureAwait(false);
            await _stream.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            throw CutBack(ex);
        }
        Length += records.Length;
    }

    /// <summary>Makes what was appended durable (fsync).</summary>
    public void Sync()
    {
        try
        {
            if (_stream is FileStream file)
                file.Flush(flushToDisk: true);
            else
                _stream.Flush();
        }
        catch (IOException ex)
        {
            throw new StorageWriteException(Path, ex);
        }
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();

    private StorageWriteException CutBack(IOException failure)
    {
        try
        {
            _stream.SetLength(Length);
            _stream.Position = Length;
        }
        catch (IOException cut)
        {
            return new StorageWriteException(Path, failure, $"; it could not be cut back to its last complete record at byte {Length} ({cut.Message})");
        }
        return new StorageWriteException(Path, failure, $"; the file was cut back to its last complete record (byte {Length})");
    }
}
