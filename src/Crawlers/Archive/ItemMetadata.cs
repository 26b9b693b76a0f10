using System.Text.Json;
using System.Text.Json.Serialization;

namespace Crawlers.Archive;

/// <summary>
/// <c>/metadata/{identifier}</c>: the item's metadata (values are a string or a list of strings) and its files.
/// An unknown identifier answers <c>{}</c>.
/// </summary>
public sealed record ItemMetadata(
    [property: JsonPropertyName("metadata")] IReadOnlyDictionary<string, JsonElement>? Metadata,
    [property: JsonPropertyName("files")] IReadOnlyList<ItemFile>? Files)
{
    /// <summary>A metadata field: its string, or its strings joined with "; ".</summary>
    public string? Field(string name)
    {
        if (Metadata is null || !Metadata.TryGetValue(name, out var value))
            return null;
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Array => string.Join("; ", value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString())),
            _ => null,
        };
    }
}
