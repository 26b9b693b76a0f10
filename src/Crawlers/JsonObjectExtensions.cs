using System.Text.Json.Nodes;

namespace Crawlers;

/// <summary>Building a pair's original_data: facts a source left empty are left out, not written as "".</summary>
internal static class JsonObjectExtensions
{
    public static void AddIfPresent(this JsonObject data, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
            data[key] = value;
    }
}
