using System.Text.Json;
using Crawler.Abstractions.Spiders;
using Crawler.Core.Configuration;

namespace Sinks.Csv;

/// <summary>
/// The columns a CSV sink writes (<c>--csv-columns</c>): <c>url</c> and <c>text</c> always, and any of <c>tags</c>
/// (joined with <c>|</c>), <c>original_data</c> (a JSON object), <c>spider</c> and <c>page</c>, so a later
/// <c>audiocrawl download pairs.csv</c> knows all the spider knew.
/// </summary>
public static class CsvColumns
{
    public const string Url = "url";
    public const string Text = "text";
    public const string Tags = "tags";
    public const string OriginalData = "original_data";
    public const string Spider = "spider";
    public const string Page = "page";

    public static IReadOnlyList<string> Default { get; } = [Url, Text];

    public static IReadOnlyList<string> Known { get; } = [Url, Text, Tags, OriginalData, Spider, Page];

    /// <summary>Reads <c>url,text,tags</c>; unknown or repeated names, or a list without url and text, are errors.</summary>
    public static IReadOnlyList<string> Parse(string spec, string where)
    {
        var columns = spec.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (columns.FirstOrDefault(c => !Known.Contains(c)) is { } unknown)
            throw new ConfigurationException($"{where}: unknown column '{unknown}'; the columns are {string.Join(", ", Known)}.");
        if (columns.Distinct().Count() != columns.Length)
            throw new ConfigurationException($"{where}: a column is named twice in '{spec}'.");
        if (!columns.Contains(Url) || !columns.Contains(Text))
            throw new ConfigurationException($"{where}: the columns must include url and text (got '{spec}').");
        return columns;
    }

    public static string ValueOf(string column, AudioPair pair) => column switch
    {
        Url => pair.Url.AbsoluteUri,
        Text => pair.Text,
        Tags => string.Join('|', pair.Tags),
        OriginalData => pair.OriginalData is { Count: > 0 } data ? data.ToJsonString(JsonOptions) : "",
        Spider => pair.Spider ?? "",
        Page => pair.Page?.AbsoluteUri ?? "",
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, "not a CSV column"),
    };

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
