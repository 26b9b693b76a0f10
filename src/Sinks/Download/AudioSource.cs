using System.Text.Json.Nodes;
using Crawler.Core.Pipeline;

namespace Sinks.Download;

/// <summary>
/// One row to download: where the audio is, its text, and what is known about it. <see cref="Key"/> names the
/// sample in the shards and the status table; it is stable across runs so a re-run can resume.
/// </summary>
public sealed record AudioSource(long Row, string Key, string Url, string Text)
{
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Free-form facts from the spider or the CSV's extra columns; copied into <c>original_data</c>.</summary>
    public JsonObject OriginalData { get; init; } = [];

    public string? Spider { get; init; }

    public string? Page { get; init; }

    /// <summary>The part of the audio to keep, when the row asks for one.</summary>
    public AudioSegment? Segment { get; init; }

    /// <summary>Why the row cannot be downloaded at all (a bad URL, empty text, a bad segment), or null.</summary>
    public string? Problem { get; init; }

    /// <summary>
    /// The one way a pair (of a live crawl) or a CSV row becomes a source: its key, its facts, and the segment its
    /// <c>start</c>/<c>end</c> (or <c>start_time</c>/<c>end_time</c>) seconds ask for; a row the item pipeline would
    /// drop (not an absolute http(s) URL, empty text after normalisation) or a bad segment becomes the
    /// <see cref="Problem"/>, reported with <paramref name="where"/>.
    /// </summary>
    public static AudioSource Of(long row, string url, string text, JsonObject originalData, string where)
    {
        var source = new AudioSource(row, SampleKey.Of(url, text), url, text) { OriginalData = originalData };
        if (PairNormalizer.Normalize(url, text, out var dropReason) is null)
            return source with { Problem = $"{where}: {ItemDropReasons.Describe(dropReason!)} (url '{url}')." };
        try
        {
            return source with { Segment = AudioSegment.Parse(Field(originalData, "start", "start_time"), Field(originalData, "end", "end_time")) };
        }
        catch (FormatException ex)
        {
            return source with { Problem = $"{where}: {ex.Message}" };
        }
    }

    private static string? Field(JsonObject data, params string[] names)
    {
        foreach (var name in names)
        {
            if (data[name]?.ToString() is { } value && !string.IsNullOrWhiteSpace(value))
                return value.Trim();
        }
        return null;
    }
}
