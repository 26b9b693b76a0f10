using System.ComponentModel;
using Crawler.Abstractions.Configuration;
using Crawler.Core.Configuration;

namespace Sinks.Csv;

/// <summary>The settings of a <c>csv</c> sink in crawlers.json's <c>sinks</c> section.</summary>
public sealed record CsvSinkSettings : IValidatableSettings
{
    public const string SpiderPlaceholder = "{spider}";

    [Description("The url,text CSV to write; {spider} is replaced by the name of the spider that runs.")]
    public string Path { get; init; } = "";

    [Description("What to do when the file exists: createNew (refuse), overwrite or append.")]
    public CsvSinkMode Mode { get; init; } = CsvSinkMode.CreateNew;

    [Description("The columns, comma-separated: url and text, and any of tags, original_data, spider, page.")]
    public string Columns { get; init; } = "url,text";

    public string PathFor(string spider) => Path.Replace(SpiderPlaceholder, spider, StringComparison.Ordinal);

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(Path))
            yield return "path must name the CSV to write, such as \"out/{spider}.csv\"";
        string? columnsProblem = null;
        try
        {
            CsvColumns.Parse(Columns, "columns");
        }
        catch (ConfigurationException ex)
        {
            columnsProblem = ex.Message;
        }
        if (columnsProblem is not null)
            yield return columnsProblem;
    }
}
