namespace AudioCrawl.Testing;

/// <summary>A request as the loopback server saw it.</summary>
public sealed record RecordedRequest(string Method, string Host, string PathAndQuery, string? UserAgent, DateTimeOffset ReceivedAt)
{
    /// <summary>Every request header, by name (case-insensitive); repeated headers joined with ", ".</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
}
