namespace AudioCrawl.Testing;

/// <summary>A request as the loopback server saw it.</summary>
public sealed record RecordedRequest(string Method, string Host, string PathAndQuery, string? UserAgent, DateTimeOffset ReceivedAt);
