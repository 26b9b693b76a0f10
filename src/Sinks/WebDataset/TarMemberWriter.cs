using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Sinks.WebDataset;

/// <summary>
/// Writes regular-file members of a POSIX (ustar) tar, as GNU tar does: one 512-byte header, the data, zero padding
/// to the next block; a name that does not fit the 100-byte ustar field gets a PAX <c>path</c> record before it.
/// Members are laid out in one 1 MiB buffer and written to the stream when it fills (give it an unbuffered
/// stream), so a small member costs a header formatted in place and a copy, with no call that can go async.
/// System.Formats.Tar's <c>TarWriter</c> goes through entry objects, a data stream and a chain of async calls per
/// member (~60 µs per sample in bench/AudioCrawl.Benchmarks, Tar.Write_members, for PAX entries).
/// </summary>
public sealed class TarMemberWriter(Stream stream)
{
    private const int Block = 512;
    private readonly byte[] _buffer = new byte[1 << 20];
    private int _filled;

    public ValueTask WriteAsync(string name, ReadOnlyMemory<byte> data, DateTimeOffset modified, CancellationToken cancellationToken = default)
    {
        // A member is at most 2 GiB (one array), well within the 11 octal digits (8 GiB) of the size field.
        var seconds = Math.Max(modified.ToUnixTimeSeconds(), 0);
        var record = name.Length <= 100 && Ascii.IsValid(name) ? null : PaxPathRecord(name);
        var needed = (record is null ? 0 : Block + Padded(record.Length)) + Block + Padded(data.Length);
        if (_filled + needed <= _buffer.Length)
        {
            Append(name, record, data.Span, seconds);
            return ValueTask.CompletedTask;
        }
        return WriteLargeAsync(name, record, data, seconds, cancellationToken);
    }

    /// <summary>A member whose data is copied from <paramref name="data"/> (exactly <paramref name="length"/> bytes), never held in memory whole.</summary>
    public async ValueTask WriteAsync(string name, Stream data, long length, DateTimeOffset modified, CancellationToken cancellationToken = default)
    {
        if (length <= _buffer.Length / 2)
        {
            var bytes = new byte[length];
            await data.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
            await WriteAsync(name, bytes, modified, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (length > int.MaxValue)
            throw new IOException($"{name}: {length} bytes is more than a member holds here (2 GiB).");
        var seconds = Math.Max(modified.ToUnixTimeSeconds(), 0);
        var record = name.Length <= 100 && Ascii.IsValid(name) ? null : PaxPathRecord(name);
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        Append(name, record, ReadOnlySpan<byte>.Empty, seconds, dataLength: (int)length);
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        long copied = 0;
        while (copied < length)
        {
            var read = await data.ReadAsync(_buffer.AsMemory(0, (int)Math.Min(_buffer.Length, length - copied)), cancellationToken).ConfigureAwait(false);
            if (read == 0)
                throw new EndOfStreamException($"{name}: the data ended after {copied} of {length} bytes.");
            await stream.WriteAsync(_buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            copied += read;
        }
        var padding = Padded((int)length) - (int)length;
        _buffer.AsSpan(0, padding).Clear();
        _filled = padding;
    }

    /// <summary>The end-of-archive marker (two zero blocks), then everything buffered goes to the stream.</summary>
    public async ValueTask FinishAsync(CancellationToken cancellationToken = default)
    {
        if (_filled + 2 * Block > _buffer.Length)
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        _buffer.AsSpan(_filled, 2 * Block).Clear();
        _filled += 2 * Block;
        await FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask WriteLargeAsync(string name, byte[]? record, ReadOnlyMemory<byte> data, long seconds, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        if (2 * Block + Padded(record?.Length ?? 0) + Padded(data.Length) <= _buffer.Length)
        {
            Append(name, record, data.Span, seconds);
            return;
        }
        // Bigger than the buffer: headers through the buffer, the data straight to the stream.
        Append(name, record, ReadOnlySpan<byte>.Empty, seconds, dataLength: data.Length);
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        var padding = Padded(data.Length) - data.Length;
        _buffer.AsSpan(0, padding).Clear();
        _filled = padding;
    }

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_filled == 0)
            return;
        await stream.WriteAsync(_buffer.AsMemory(0, _filled), cancellationToken).ConfigureAwait(false);
        _filled = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot in short runs, before tiered compilation would optimise it
    private void Append(string name, byte[]? record, ReadOnlySpan<byte> data, long seconds, int? dataLength = null)
    {
        if (record is not null)
        {
            FormatHeader(_buffer.AsSpan(_filled, Block), AsciiFallback("PaxHeaders/" + name), record.Length, seconds, (byte)'x');
            _filled += Block;
            AppendPadded(record);
        }
        FormatHeader(_buffer.AsSpan(_filled, Block), record is null ? name : AsciiFallback(name), dataLength ?? data.Length, seconds, (byte)'0');
        _filled += Block;
        if (dataLength is null)
            AppendPadded(data);
    }

    private void AppendPadded(ReadOnlySpan<byte> data)
    {
        data.CopyTo(_buffer.AsSpan(_filled));
        var padded = Padded(data.Length);
        _buffer.AsSpan(_filled + data.Length, padded - data.Length).Clear();
        _filled += padded;
    }

    private static int Padded(int length) => (length + Block - 1) / Block * Block;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FormatHeader(Span<byte> header, string name, long size, long seconds, byte type)
    {
        header.Clear();
        Encoding.ASCII.GetBytes(name, header[..100]);
        "0000644\0"u8.CopyTo(header[100..]); // rw-r--r--
        "0000000\0"u8.CopyTo(header[108..]); // uid
        "0000000\0"u8.CopyTo(header[116..]); // gid
        Octal(header.Slice(124, 12), size);
        Octal(header.Slice(136, 12), seconds);
        "        "u8.CopyTo(header[148..]); // the checksum counts its own field as spaces
        header[156] = type;
        "ustar\0"u8.CopyTo(header[257..]);
        "00"u8.CopyTo(header[263..]);
        var sum = 0;
        foreach (var b in header)
            sum += b;
        Octal(header.Slice(148, 7), sum);
    }

    /// <summary>Writes <paramref name="value"/> as zero-padded octal digits followed by a NUL, filling <paramref name="field"/>.</summary>
    private static void Octal(Span<byte> field, long value)
    {
        var digits = field.Length - 1;
        for (var i = digits - 1; i >= 0; i--)
        {
            field[i] = (byte)('0' + (value & 7));
            value >>= 3;
        }
        field[digits] = 0;
    }

    /// <summary>A PAX extended header record, <c>"{length} path={name}\n"</c>, where the length counts itself.</summary>
    private static byte[] PaxPathRecord(string name)
    {
        var body = Encoding.UTF8.GetByteCount(name) + " path=\n".Length;
        var length = body + 1;
        while (length != body + length.ToString(CultureInfo.InvariantCulture).Length)
            length = body + length.ToString(CultureInfo.InvariantCulture).Length;
        return Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{length} path={name}\n"));
    }

    private static string AsciiFallback(string name)
    {
        var ascii = new StringBuilder(Math.Min(name.Length, 100));
        foreach (var c in name)
        {
            if (ascii.Length == 100)
                break;
            ascii.Append(char.IsAscii(c) && !char.IsControl(c) ? c : '_');
        }
        return ascii.ToString();
    }
}
