namespace Crawler.Core.Hosting;

/// <summary>
/// Where the built-in steps of the fetch pipeline sit, outermost (lowest) first; a request passes them in this order
/// and its response comes back through them in reverse. Register a middleware between two of them with an order
/// in between.
/// </summary>
public static class FetchStageOrder
{
    /// <summary>Around everything: sees each request once, as the engine sends it (a scheduled run's conditional GET).</summary>
    public const int Outermost = 0;

    /// <summary>robots.txt: a disallowed request never goes further. robots.txt itself is fetched through the stages after this one.</summary>
    public const int Robots = 100;

    /// <summary>Retries with backoff and a circuit breaker per host: every stage after this one runs once per attempt.</summary>
    public const int Retry = 200;

    /// <summary>The default place of a user middleware: inside the retries, so each attempt passes it.</summary>
    public const int User = 300;

    /// <summary>The host's slot in this process: per-host concurrency, delay, AutoThrottle, Retry-After.</summary>
    public const int HostSlot = 400;

    /// <summary>The cluster-wide host gate of a crawl shared through Redis.</summary>
    public const int ClusterGate = 500;

    /// <summary>The spider's API credentials, added to API calls just before the fetcher (so nothing above sees them).</summary>
    public const int Credentials = 600;
}
