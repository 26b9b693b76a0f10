using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Sinks.Csv;

namespace Sinks.Download;

/// <summary>
/// Rows of any url,text CSV as download sources. Extra columns go to <c>original_data</c> (an <c>original_data</c>
/// column of JSON, as <c>--csv-columns</c> writes it, is merged into it); a few are also
/// understood: <c>start</c>/<c>end</c> or <c>start_time</c>/<c>end_time</c> (seconds, the segment to keep), <c>tag</c>/<c>tags</c> (separated by
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
            {
                if (name == CsvColumns.OriginalData && ParseObject(value) is { } written)
                {
                    foreach (var (key, fact) in written)
                        original[key] = fact?.DeepClone();
                }
                else
                {
                    original[name] = value;
                }
            }
            yield return AudioSource.Of(row.Row, row.Url, row.Text, original, $"{path} row {row.Row}") with
            {
                Tags = Column(row, "tags", "tag") is { Length: > 0 } tags ? tags.Split(['|', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [],
                Page = Column(row, "page"),
                Spider = Column(row, "spider"),
            };
        }
    }

    /// <summary>The JSON object a crawl's <c>original_data</c> column holds, or null for an empty or malformed cell.</summary>
    private static JsonObject? ParseObject(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        try
        {
            return JsonNode.Parse(value) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
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
