using System.Runtime.CompilerServices;
using Crawler.Abstractions;
using CsvHelper;

namespace Sinks.Csv;

/// <summary>Reads any url,text CSV (header required, extra columns kept), as delivered by this or another tool.</summary>
public static class CsvPairReader
{
    public static CsvReaderOptions ReaderOptions { get; } = new()
    {
        Mode = CsvMode.Rfc4180,
        HasHeader = true,
        AllowLineBreaksInQuotes = true,
        SkipEmptyLines = true,
    };

    public static async IAsyncEnumerable<CsvPairRow> ReadAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
            throw new CrawlerException($"{path}: no such file.");
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 64 * 1024, useAsync: true);
        using var reader = CsvReader.Create(stream, ReaderOptions, leaveOpen: false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && reader.Headers.Count == 0)
            yield break;
        var headers = reader.Headers;
        var url = IndexOf(headers, "url", path);
        var text = IndexOf(headers, "text", path);
        var row = 1L;
        do
        {
            if (reader.FieldCount == 0)
                continue;
            row++;
            var extra = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < Math.Min(headers.Count, reader.FieldCount); i++)
            {
                if (i != url && i != text)
                    extra[headers[i]] = reader.GetString(i);
            }
            yield return new CsvPairRow(row, reader.FieldCount > url ? reader.GetString(url) : "", reader.FieldCount > text ? reader.GetString(text) : "", extra);
        }
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Throws, as reading would, when <paramref name="path"/> is missing or its header has no url or text column.</summary>
    public static async Task CheckAsync(string path, CancellationToken cancellationToken = default)
    {
        var rows = ReadAsync(path, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (rows.ConfigureAwait(false))
            await rows.MoveNextAsync().ConfigureAwait(false);
    }

    private static int IndexOf(IReadOnlyList<string> headers, string name, string path)
    {
        for (var i = 0; i < headers.Count; i++)
        {
            if (string.Equals(headers[i].Trim(), name, StringComparison.OrdinalIgnoreCase))
                return i;
        }
        throw new CrawlerException($"{path}: the header has no '{name}' column (found: {string.Join(", ", headers)}).");
    }
}
