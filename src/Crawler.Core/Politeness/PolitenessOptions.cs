using Crawler.Abstractions.Configuration;

namespace Crawler.Core.Politeness;

/// <summary>How gently one host is treated (Scrapy's download slot and AutoThrottle).</summary>
public sealed record PolitenessOptions
{
    /// <summary>Requests in flight at once to one host. Default 2.</summary>
    public int PerHost { get; init; } = 2;

    /// <summary>The minimum time between the starts of two requests to one host. Default 0.5 s.</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>Wait a random 0.5 to 1.5 times the delay, so requests do not arrive in a rhythm. Default on.</summary>
    public bool RandomizeDelay { get; init; } = true;

    /// <summary>Adapt the delay to the host's latency (AutoThrottle). Default off.</summary>
    public bool AutoThrottle { get; init; }

    /// <summary>The requests in flight to one host the adaptive delay aims at: delay = latency / target. Default 1.</summary>
    public double TargetConcurrency { get; init; } = 1;

    /// <summary>The adaptive delay's start, before any latency was seen. Default 5 s (as Scrapy).</summary>
    public TimeSpan StartDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest delay: neither the adaptive delay nor the slow-down after 429/503 goes past it. Default 60 s.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The longest Retry-After honoured; a longer one is cut to this. Default 10 minutes.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(10);

    public static PolitenessOptions From(EngineSettings settings) => new()
    {
        PerHost = settings.PerHost,
        Delay = TimeSpan.FromSeconds(settings.Delay),
        RandomizeDelay = settings.RandomizeDelay,
        AutoThrottle = settings.AutoThrottle,
        TargetConcurrency = settings.AutoThrottleTargetConcurrency,
        StartDelay = TimeSpan.FromSeconds(Math.Max(settings.Delay, settings.AutoThrottleStartDelay)),
        MaxDelay = TimeSpan.FromSeconds(settings.AutoThrottleMaxDelay),
        MaxRetryAfter = TimeSpan.FromSeconds(settings.MaxRetryAfter),
    };
}
