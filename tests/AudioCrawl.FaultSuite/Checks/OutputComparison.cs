using System.Text.Json;
using AudioCrawl.Testing;

namespace AudioCrawl.FaultSuite.Checks;

/// <summary>
/// Reads a scenario's output with readers independent of the sinks (CsvHelper in strict RFC 4180 mode, Python's
/// csv and tarfile) and lists every way it differs from the reference: a torn or unreadable record, a duplicate,
/// a missing or an extra row or sample, a shard whose sizes.json count is wrong, a left-over temporary shard.
/// </summary>
public static class OutputComparison
{
    private const int Examples = 5;

    public static async Task<ReferenceOutput> ReadReferenceAsync(CrawlOutput output)
    {
        var pairs = CsvFile.ReadPairs(output.Csv);
        return new ReferenceOutput(pairs, output.Shards is null ? null : await ReadSamplesAsync(output.Shards).ConfigureAwait(false));
    }

    /// <summary>The problems found; none when the output equals the reference.</summary>
    public static async Task<IReadOnlyList<string>> CompareAsync(ReferenceOutput reference, CrawlOutput output)
    {
        var problems = new List<string>();
        var pairs = await ReadCsvAsync(output.Csv, problems).ConfigureAwait(false);
        if (pairs is not null)
            Compare("row", reference.Pairs, pairs, p => $"{p.Url} \"{p.Text}\"", problems);
        if (reference.Samples is not null && output.Shards is not null)
        {
            var samples = await ReadShardsAsync(output.Shards, problems).ConfigureAwait(false);
            if (samples is not null)
                Compare("sample", reference.Samples, samples, s => $"{s.Key} \"{s.Text}\" {s.AudioExtension} {s.AudioBytes} B", problems);
        }
        return problems;
    }

    /// <summary>Problems of an output left by a failed run (a full disk): every record must still be whole, none twice, none unknown.</summary>
    public static async Task<IReadOnlyList<string>> CheckPartialAsync(ReferenceOutput reference, CrawlOutput output)
    {
        var problems = new List<string>();
        if (File.Exists(output.Csv) && await ReadCsvAsync(output.Csv, problems).ConfigureAwait(false) is { } pairs)
            CheckSubset("row", reference.Pairs, pairs, p => $"{p.Url} \"{p.Text}\"", problems);
        if (output.Shards is not null && Directory.Exists(output.Shards) && reference.Samples is not null
            && await ReadShardsAsync(output.Shards, problems, allowTemporary: true).ConfigureAwait(false) is { } samples)
            CheckSubset("sample", reference.Samples, samples, s => s.Key, problems);
        return problems;
    }

    private static async Task<IReadOnlyList<(string Url, string Text)>?> ReadCsvAsync(string csv, List<string> problems)
    {
        try
        {
            var pairs = CsvFile.ReadPairs(csv);
            var python = await CsvFile.ReadPairsWithPythonAsync(csv).ConfigureAwait(false);
            if (!pairs.SequenceEqual(python))
                problems.Add($"{csv}: CsvHelper and Python's csv read different rows ({pairs.Count} and {python.Count})");
            return pairs;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            problems.Add($"{csv}: not a valid url,text CSV (torn record?): {ex.Message.Split('\n')[0]}");
            return null;
        }
    }

    private static async Task<IReadOnlyList<ShardSample>?> ReadShardsAsync(string folder, List<string> problems, bool allowTemporary = false)
    {
        if (!allowTemporary)
        {
            foreach (var temporary in Directory.EnumerateFiles(folder, "*.tmp", SearchOption.AllDirectories))
                problems.Add($"{temporary}: a temporary shard was left behind");
        }
        var sizes = File.Exists(Path.Combine(folder, "sizes.json")) ? WebDatasetReader.ReadSizes(folder) : new Dictionary<string, int>();
        var samples = new List<ShardSample>();
        foreach (var shard in Directory.EnumerateFiles(folder, "*.tar", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            try
            {
                var read = (await WebDatasetReader.ReadWithPythonAsync(shard).ConfigureAwait(false)).Select(ToSample).ToArray();
                foreach (var incomplete in read.Where(s => s.AudioExtension is null || s.Text.Length == 0))
                    problems.Add($"{shard}: sample {incomplete.Key} lacks its audio or its text");
                if (!allowTemporary && sizes.GetValueOrDefault(Path.GetFileName(shard), -1) != read.Length)
                    problems.Add($"{shard}: holds {read.Length} samples, sizes.json says {sizes.GetValueOrDefault(Path.GetFileName(shard), -1)}");
                samples.AddRange(read);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                problems.Add($"{shard}: not a complete tar of samples (torn member?): {ex.Message.Split('\n')[0]}");
                return null;
            }
        }
        return samples;
    }

    private static async Task<IReadOnlyList<ShardSample>> ReadSamplesAsync(string folder) =>
        (await WebDatasetReader.ReadAllWithPythonAsync(folder).ConfigureAwait(false)).Select(ToSample).ToArray();

    private static ShardSample ToSample(PythonSample sample)
    {
        var text = sample.Json.ValueKind == JsonValueKind.Object && sample.Json.TryGetProperty("text", out var value)
            ? value.ValueKind == JsonValueKind.Array ? string.Join("\n", value.EnumerateArray().Select(t => t.GetString())) : value.GetString() ?? ""
            : "";
        return new ShardSample(sample.Key, text, sample.AudioExtension, sample.AudioBytes);
    }

    private static void Compare<T>(string noun, IReadOnlyList<T> expected, IReadOnlyList<T> actual, Func<T, string> show, List<string> problems)
    {
        ReportDuplicates(noun, actual, show, problems);
        var want = expected.ToHashSet();
        var have = actual.ToHashSet();
        Report($"{noun}s missing (in the uninterrupted run, not here)", expected.Where(e => !have.Contains(e)).ToList(), show, problems);
        Report($"{noun}s extra (here, not in the uninterrupted run)", actual.Where(a => !want.Contains(a)).Distinct().ToList(), show, problems);
    }

    private static void CheckSubset<T>(string noun, IReadOnlyList<T> expected, IReadOnlyList<T> actual, Func<T, string> show, List<string> problems)
    {
        ReportDuplicates(noun, actual, show, problems);
        var want = expected.ToHashSet();
        Report($"{noun}s that an uninterrupted run does not have", actual.Where(a => !want.Contains(a)).Distinct().ToList(), show, problems);
    }

    private static void ReportDuplicates<T>(string noun, IReadOnlyList<T> actual, Func<T, string> show, List<string> problems) =>
        Report($"{noun}s written more than once", actual.GroupBy(a => a).Where(g => g.Count() > 1).Select(g => g.Key).ToList(), show, problems);

    private static void Report<T>(string what, IReadOnlyList<T> found, Func<T, string> show, List<string> problems)
    {
        if (found.Count == 0)
            return;
        problems.Add($"{found.Count} {what}: {string.Join("; ", found.Take(Examples).Select(show))}{(found.Count > Examples ? "; ..." : "")}");
    }
}
