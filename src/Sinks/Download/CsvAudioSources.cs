using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using AudioCrawl.Sinks.Csv;

namespace AudioCrawl.Sinks.Download;

/// <summary>
/// Rows of any url,text CSV as download sources. Extra columns go to <c>original_data</c>; a few are also
/// understood: <c>start</c>/<c>end</c> (seconds, the segment to keep), <c>tag</c>/<c>tags</c> (separated by
/// <c>|</c> or <c>;</c>), <c>page</c> and <c>spider</c>.
/// </summary>
public static class CsvAudioSources
{
    public static async IAsyncEnumerable<AudioSource> ReadAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var row in CsvPairReader.ReadAsync(path, cancellationToken).ConfigureAwait(false))
        {
            var original = new JsonObject();
            foreach (var (name, value) in row.Extra)
                original[name] = value;
            var source = new AudioSource(row.Row, SampleKey.Of(row.Url, row.Text), row.Url, row.Text)
            {
                OriginalData = original,
                Tags = Column(row, "tags", "tag") is { Length: > 0 } tags ? tags.Split(['|', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [],
                Page = Column(row, "page"),
                Spider = Column(row, "spider"),
            };
            if (string.IsNullOrWhiteSpace(row.Url))
            {
                yield return source with { Problem = $"{path} row {row.Row}: the url is empty." };
                continue;
            }
            AudioSegment? segment = null;
            string? problem = null;
            try
            {
                segment = AudioSegment.Parse(Column(row, "start", "start_time"), Column(row, "end", "end_time"));
            }
            catch (FormatException ex)
            {
                problem = $"{path} row {row.Row}: {ex.Message}";
            }
            yield return source with { Segment = segment, Problem = problem };
        }
    }

    private static string? Column(CsvPairRow row, params string[] names)
    {
        foreach (var name in names)
        {
            if (row.Extra.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value))
                return value.Trim();
        }
        return null;
    }
}
