using AudioCrawl.Core;
using AudioCrawl.Core.Pipeline;
using AudioCrawl.Core.Spiders;

namespace AudioCrawl.Sinks.Csv;

/// <summary>
/// Merges the url,text CSV parts written by the workers of a shared crawl into one deliverable: parts in the order
/// given, rows in their order, each (url, text) pair once.
/// </summary>
public static class CsvPartMerger
{
    public sealed record Result(int Parts, long RowsRead, long RowsWritten)
    {
        public long Duplicates => RowsRead - RowsWritten;
    }

    public static async Task<Result> MergeAsync(IReadOnlyList<string> parts, CsvPairSink output, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(output.Path);
        if (parts.FirstOrDefault(part => Path.GetFullPath(part) == full) is { } clash)
            throw new CrawlerException($"{clash} is both a part and the output.");
        foreach (var part in parts)
        {
            if (!File.Exists(part))
                throw new CrawlerException($"{part}: no such file.");
        }
        var seen = new HashSet<PairKey>();
        long read = 0, written = 0;
        await output.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (output.ConfigureAwait(false))
        {
            foreach (var part in parts)
            {
                await foreach (var row in CsvPairReader.ReadAsync(part, cancellationToken).ConfigureAwait(false))
                {
                    read++;
                    if (!Uri.TryCreate(row.Url, UriKind.Absolute, out var url))
                        throw new CrawlerException($"{part}, row {row.Row}: '{row.Url}' is not an absolute URL.");
                    if (!seen.Add(PairKey.Of(row.Url, row.Text)))
                        continue;
                    await output.WriteAsync(new AudioPair(url, row.Text), cancellationToken).ConfigureAwait(false);
                    written++;
                }
            }
        }
        return new Result(parts.Count, read, written);
    }
}
