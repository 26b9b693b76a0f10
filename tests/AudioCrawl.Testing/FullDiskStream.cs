namespace AudioCrawl.Testing;

/// <summary>
/// A stream in memory that holds at most <see cref="Room"/> bytes and then fails as a full disk does: the write
/// that crosses the limit stores the bytes that fit (a short write) and throws an <see cref="IOException"/> with
/// ENOSPC, so tests can put the failure on any byte boundary.
/// </summary>
public sealed class FullDiskStream(long room) : Stream
{
    public const int Enospc = 28;

    private readonly MemoryStream _disk = new();

    public long Room { get; set; } = room;

    /// <summary>What the "disk" holds, readable after the stream was disposed.</summary>
    public byte[] Contents => _disk.ToArray();

    public override bool CanRead => false;

    public override bool CanSeek => true;

    public override bool CanWrite => true;

    public override long Length => _disk.Length;

    public override long Position
    {
        get => _disk.Position;
        set => _disk.Position = value;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var fits = (int)Math.Clamp(Room - _disk.Position, 0, buffer.Length);
        _disk.Write(buffer[..fits]);
        if (fits < buffer.Length)
            throw new IOException("No space left on device", Enospc);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => _disk.Seek(offset, origin);

    public override void SetLength(long value) => _disk.SetLength(value);
}
