namespace Sinks.Csv;

/// <summary>
/// Cuts a CSV back to its last complete record: what follows the last line break outside quotes (a row torn by a
/// killed process or a full disk) is removed and kept in <c>&lt;file&gt;.torn</c> for inspection. Quoted fields may
/// hold line breaks, so the file is scanned from the start with the RFC 4180 quoting rules.
/// </summary>
public static class CsvTailRepair
{
    /// <summary>Repairs the file in place; returns the number of bytes cut (0 when it ended cleanly).</summary>
    public static async Task<long> RepairAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
            return 0;
        long boundary;
        long length;
        await using (var read = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true))
        {
            length = read.Length;
            boundary = await LastRecordEndAsync(read, cancellationToken).ConfigureAwait(false);
        }
        if (boundary == length)
            return 0;
        await using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        file.Position = boundary;
        var torn = new byte[length - boundary];
        await file.ReadExactlyAsync(torn, cancellationToken).ConfigureAwait(false);
        await File.WriteAllBytesAsync(path + ".torn", torn, cancellationToken).ConfigureAwait(false);
        file.SetLength(boundary);
        file.Flush(flushToDisk: true);
        return torn.Length;
    }

    /// <summary>The offset just after the last line feed that is outside quotes (0 when there is none).</summary>
    public static async Task<long> LastRecordEndAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        var buffer = new byte[64 * 1024];
        var inQuotes = false;
        long position = 0;
        long boundary = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                var b = buffer[i];
                if (b == (byte)'"')
                    inQuotes = !inQuotes;
                else if (b == (byte)'\n' && !inQuotes)
                    boundary = position + i + 1;
            }
            position += read;
        }
        return boundary;
    }
}
