using Crawler.Abstractions.Politeness;

namespace Crawler.Core.Politeness;

/// <summary>How robots.txt is fetched and kept.</summary>
public sealed record RobotsTxtOptions
{
    /// <summary>The User-Agent header; its product token ("AudioCrawl") selects the group of rules.</summary>
    public required string UserAgent { get; init; }

    /// <summary>How long a fetched robots.txt (or a 4xx meaning "no rules") is kept. Default 24 hours (RFC 9309 2.4).</summary>
    public TimeSpan CacheFor { get; init; } = TimeSpan.FromHours(24);

    /// <summary>After a 5xx, a 429 or an unreachable server the host is disallowed; robots.txt is asked for again after this. Default 60 seconds.</summary>
    public TimeSpan RetryUnavailableAfter { get; init; } = TimeSpan.FromSeconds(60);

    public string ProductToken => RobotsTxt.ProductToken(UserAgent);
}
