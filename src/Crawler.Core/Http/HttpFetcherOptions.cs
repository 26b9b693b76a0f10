using Crawler.Abstractions.Configuration;

namespace Crawler.Core.Http;

/// <summary>What the HTTP fetcher needs from the engine settings.</summary>
public sealed record HttpFetcherOptions(
    string UserAgent,
    TimeSpan RequestTimeout,
    TimeSpan ConnectTimeout,
    long MaxBodyBytes,
    int MaxRedirects,
    int MaxConnectionsPerServer)
{
    public static HttpFetcherOptions From(EngineSettings settings) => new(
        settings.UserAgent,
        TimeSpan.FromSeconds(settings.RequestTimeout),
        TimeSpan.FromSeconds(settings.ConnectTimeout),
        settings.MaxBodyBytes,
        settings.MaxRedirects,
        Math.Max(settings.PerHost, 1) * 2);
}
