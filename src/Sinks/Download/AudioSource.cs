using System.Text.Json.Nodes;

namespace AudioCrawl.Sinks.Download;

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

    /// <summary>Why the row cannot be downloaded at all (a bad segment, an empty URL), or null.</summary>
    public string? Problem { get; init; }
}
