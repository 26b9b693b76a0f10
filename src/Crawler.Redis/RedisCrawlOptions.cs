using Crawler.Core.Configuration;

namespace Crawler.Redis;

/// <summary>Where a shared crawl lives and who this worker is.</summary>
public sealed record RedisCrawlOptions
{
    /// <summary>The crawl's name: every key of the crawl lives under <c>audiocrawl:{CrawlId}:</c>, so crawls share one Redis.</summary>
    public required string CrawlId { get; init; }

    /// <summary>This worker's name, unique in the crawl. Default: host name and process id.</summary>
    public string WorkerId { get; init; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>
    /// How long a worker may stay silent before its leased requests go back to the queue for the others. Workers
    /// renew it every third of this while alive, so a slow request is never taken from a living worker. Default 30 s.
    /// </summary>
    public TimeSpan LeaseTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often this worker publishes its counters for <c>audiocrawl status</c>. Default 2 s.</summary>
    public TimeSpan StatsInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long this worker waits for a Redis that stopped answering (a restart, a failover) before it stops the crawl
    /// (exit 1); while it waits it takes no new requests and holds its pairs. Default 120 s; 0 stops at the first lost call.
    /// </summary>
    public TimeSpan OutageTimeout { get; init; } = TimeSpan.FromSeconds(120);

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(CrawlId) || CrawlId.Any(c => char.IsWhiteSpace(c) || c is '{' or '}'))
            throw new ConfigurationException($"--crawl-id '{CrawlId}': give a name without spaces or braces, for example 'dictionary-2026'.");
        if (string.IsNullOrWhiteSpace(WorkerId) || WorkerId.Any(c => char.IsWhiteSpace(c) || c is '{' or '}' or ':'))
            throw new ConfigurationException($"--worker-id '{WorkerId}': give a name without spaces, braces or colons.");
        if (LeaseTimeout < TimeSpan.FromMilliseconds(300))
            throw new ConfigurationException($"--lease-timeout {LeaseTimeout.TotalSeconds} s is too short: at least 0.3 s.");
        if (OutageTimeout < TimeSpan.Zero)
            throw new ConfigurationException($"--redis-outage-timeout {OutageTimeout.TotalSeconds} s: give 0 or more seconds.");
    }
}
