using System.CommandLine;
using Sinks.Csv;

namespace AudioCrawl.Commands;

/// <summary>--csv-columns, shared by every command that writes a CSV of pairs (crawl, run-once, schedule).</summary>
public sealed class CsvColumnsOption
{
    public Option<string> Option { get; } = new("--csv-columns")
    {
        Description = "The columns of the CSV: url,text and any of tags, original_data, spider, page (default url,text).",
        DefaultValueFactory = _ => string.Join(',', CsvColumns.Default),
    };

    /// <summary>The columns given, checked: an unknown or repeated name, or no url or text, is an error naming the option.</summary>
    public IReadOnlyList<string> Parse(ParseResult parse) => CsvColumns.Parse(parse.GetValue(Option)!, Option.Name);
}
