using System.Text.Json;
using Crawler.Core.Engine;

namespace AudioCrawl.Dashboard;

/// <summary>
/// The end of a failures.jsonl: how many lines it has and the newest <c>count</c> records. Only those are parsed, so
/// a job with 100,000 failures lists as fast as one with ten.
/// </summary>
public sealed record FailureTail(long Total, IReadOnlyList<FailureRecord> Newest)
{
    public static async Task<FailureTail> ReadAsync(string path, int count, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
            return new FailureTail(0, []);
        var newest = new Queue<string>(count + 1);
        long total = 0;
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, useAsync: true);
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
                continue;
            total++;
            newest.Enqueue(line);
            if (newest.Count > count)
                newest.Dequeue();
        }
        var records = new List<FailureRecord>(newest.Count);
        foreach (var line in newest.Reverse())
        {
            try
            {
                if (JsonSerializer.Deserialize<FailureRecord>(line) is { } record)
                    records.Add(record);
            }
            catch (JsonException)
            {
                total--; // a last line cut short by a kill, as FailureLog.ReadAsync skips it
            }
        }
        return new FailureTail(total, records);
    }
}
