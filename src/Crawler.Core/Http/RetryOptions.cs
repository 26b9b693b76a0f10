using Crawler.Abstractions.Configuration;
using Crawler.Abstractions.Http;

namespace Crawler.Core.Http;

/// <summary>How failed requests are retried, per host.</summary>
public sealed record RetryOptions
{
    /// <summary>The statuses retried (Scrapy's list plus Cloudflare's 522 and 524).</summary>
    public static readonly IReadOnlySet<int> RetryableStatuses = new HashSet<int> { 408, 429, 500, 502, 503, 504, 522, 524 };

    /// <summary>The failure kinds retried: the network's faults, not the page's.</summary>
    public static readonly IReadOnlySet<string> RetryableKinds = new HashSet<string>(StringComparer.Ordinal)
    {
        FetchErrorKinds.Timeout, FetchErrorKinds.Connection, FetchErrorKinds.Dns, FetchErrorKinds.Protocol, FetchErrorKinds.Decoding,
    };

    /// <summary>Retries after the first attempt. Default 3.</summary>
    public int Retries { get; init; } = 3;

    /// <summary>The wait before the first retry; it doubles (with jitter) for each further one. Default 1 s.</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between attempts, Retry-After included. Default 10 minutes.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a host that keeps failing is paused; zero turns the circuit breaker off. Default 30 s.</summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(30);

    public static RetryOptions From(EngineSettings settings) => new()
    {
        Retries = settings.Retries,
        Delay = TimeSpan.FromSeconds(settings.RetryDelay),
        MaxDelay = TimeSpan.FromSeconds(Math.Max(settings.MaxRetryAfter, settings.RetryDelay)),
        BreakDuration = TimeSpan.FromSeconds(settings.CircuitBreakDuration),
    };
}
