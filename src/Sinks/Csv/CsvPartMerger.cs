using Crawler.Abstractions;
using Crawler.Core.Pipeline;

namespace Sinks.Csv;

/// <summary>
/// Merges the url,text CSV parts written by the workers of a shared crawl into one deliverable: parts in the order
/// given, rows in their order, each (url, text) pair once. A row the crawl's item pipeline would refuse (not an
/// absolute http(s) URL, empty text after normalisation) is skipped and counted, with its part, row and reason.
/// </summary>
public static class CsvPartMerger
{
    public sealed record Result(int Parts, long RowsRead, long RowsWritten, IReadOnlyList<string> BadRows)
    {
        public long Duplicates => RowsRead - RowsWritten - BadRows.Count;
    }

    public static async Task<Result> MergeAsync(IReadOnlyList<string> parts, CsvPairSink output, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(output.Path);
        if (parts.FirstOrDefault(part => Path.GetFullPath(part) == full) is { } clash)
            throw new CrawlerException($"{clash} is both a part and the output.");
        foreach (var part in parts)
            await CsvPairReader.CheckAsync(part, cancellationToken).ConfigureAwait(false); // every part readable before the output is touched
        var seen = new HashSet<PairKey>();
        var bad = new List<string>();
        long read = 0, written = 0;
        await output.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (output.ConfigureAwait(false))
        {
            foreach (var part in parts)
            {
                await foreach (var row in CsvPairReader.ReadAsync(part, cancellationToken).ConfigureAwait(false))
                {
                    read++;
                    if (PairNormalizer.Normalize(row.Url, row.Text, out var dropReason) is not { } pair)
                    {
                        bad.Add($"{part} row {row.Row}: {ItemDropReasons.Describe(dropReason!)} (url '{row.Url}')");
                        continue;
                    }
                    if (!seen.Add(PairKey.Of(pair)))
                        continue;
                    await output.WriteAsync(pair, cancellationToken).ConfigureAwait(false);
                    written++;
                }
            }
        }
        return new Result(parts.Count, read, written, bad);
    }
}
