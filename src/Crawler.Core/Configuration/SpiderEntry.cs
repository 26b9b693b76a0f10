using System.Text.Json.Nodes;

namespace Crawler.Core.Configuration;

/// <summary>One entry of crawlers.json "spiders": the name it runs under, the spider class, and its settings.</summary>
public sealed record SpiderEntry(string Name, string Type, string? Description, JsonObject Settings)
{
    /// <summary>Keys of a spider entry that are not settings.</summary>
    public static readonly IReadOnlySet<string> ReservedKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "type", "description", "$comment", "schedule",
    };
}
