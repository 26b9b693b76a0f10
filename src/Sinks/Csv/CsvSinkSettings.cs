using System.ComponentModel;
using AudioCrawl.Core.Configuration;

namespace AudioCrawl.Sinks.Csv;

/// <summary>The settings of a <c>csv</c> sink in crawlers.json's <c>sinks</c> section.</summary>
public sealed record CsvSinkSettings : IValidatableSettings
{
    public const string SpiderPlaceholder = "{spider}";

    [Description("The url,text CSV to write; {spider} is replaced by the name of the spider that runs.")]
    public string Path { get; init; } = "";

    [Description("What to do when the file exists: createNew (refuse), overwrite or append.")]
    public CsvSinkMode Mode { get; init; } = CsvSinkMode.CreateNew;

    public string PathFor(string spider) => Path.Replace(SpiderPlaceholder, spider, StringComparison.Ordinal);

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(Path))
            yield return "path must name the CSV to write, such as \"out/{spider}.csv\"";
    }
}
