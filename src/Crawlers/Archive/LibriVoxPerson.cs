using System.Text.Json.Serialization;

namespace Crawlers.Archive;

/// <summary>An author (<c>first_name</c>, <c>last_name</c>) or a reader (<c>display_name</c>) in the LibriVox API.</summary>
public sealed record LibriVoxPerson
{
    [JsonPropertyName("first_name")]
    public string? FirstName { get; init; }

    [JsonPropertyName("last_name")]
    public string? LastName { get; init; }

    [JsonPropertyName("display_name")]
    public string? DisplayName { get; init; }

    public string? Name => DisplayName ?? (string.Join(' ', new[] { FirstName, LastName }.Where(n => !string.IsNullOrWhiteSpace(n))) is { Length: > 0 } name ? name : null);
}
