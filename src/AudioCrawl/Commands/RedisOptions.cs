using System.CommandLine;
using Crawler.Core.Configuration;
using Crawler.Redis;

namespace AudioCrawl.Commands;

/// <summary>The flags that join a crawl shared through Redis.</summary>
public sealed class RedisOptions
{
    public Option<string?> Redis { get; } = new("--redis") { Description = "Share the crawl through this Redis (redis://host:6379): start workers on any number of machines." };

    public Option<string?> CrawlId { get; } = new("--crawl-id") { Description = "The shared crawl's name (required with --redis); crawls with different names share one Redis safely." };

    public Option<string?> WorkerId { get; } = new("--worker-id") { Description = "This worker's name in the crawl (default: host name and process id)." };

    public Option<double?> LeaseTimeout { get; } = new("--lease-timeout") { Description = "Seconds a silent worker keeps its leased requests before the others re-crawl them (default 30)." };

    public Option<double?> OutageTimeout { get; } = new("--redis-outage-timeout") { Description = "Seconds to wait for a Redis that stopped answering (restart, failover) before this worker stops with exit code 1 (default 120); meanwhile it takes no new requests and holds its pairs." };

    public IEnumerable<Option> All => [Redis, CrawlId, WorkerId, LeaseTimeout, OutageTimeout];

    /// <summary>The shared crawl's options, or null when --redis was not given.</summary>
    public RedisCrawlOptions? Parse(ParseResult parse)
    {
        var crawlId = parse.GetValue(CrawlId);
        if (parse.GetValue(Redis) is null)
        {
            if (crawlId is not null || parse.GetValue(WorkerId) is not null || parse.GetValue(LeaseTimeout) is not null || parse.GetValue(OutageTimeout) is not null)
                throw new ConfigurationException("--crawl-id, --worker-id, --lease-timeout and --redis-outage-timeout need --redis.");
            return null;
        }
        if (crawlId is null)
            throw new ConfigurationException("--redis needs --crawl-id NAME: every worker of one crawl passes the same name.");
        var options = new RedisCrawlOptions { CrawlId = crawlId };
        if (parse.GetValue(WorkerId) is { } worker)
            options = options with { WorkerId = worker };
        if (parse.GetValue(LeaseTimeout) is { } seconds)
        {
            if (!double.IsFinite(seconds) || seconds <= 0 || seconds > 86400)
                throw new ConfigurationException($"--lease-timeout {seconds}: give seconds between 0.3 and 86400.");
            options = options with { LeaseTimeout = TimeSpan.FromSeconds(seconds) };
        }
        if (parse.GetValue(OutageTimeout) is { } outage)
        {
            if (!double.IsFinite(outage) || outage < 0 || outage > 86400)
                throw new ConfigurationException($"--redis-outage-timeout {outage}: give seconds between 0 and 86400.");
            options = options with { OutageTimeout = TimeSpan.FromSeconds(outage) };
        }
        options.Validate();
        return options;
    }
}
