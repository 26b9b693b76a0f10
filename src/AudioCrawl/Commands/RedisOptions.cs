using System.CommandLine;
using AudioCrawl.Core.Configuration;
using AudioCrawl.Redis;

namespace AudioCrawl.Cli.Commands;

/// <summary>The flags that join a crawl shared through Redis.</summary>
public sealed class RedisOptions
{
    public Option<string?> Redis { get; } = new("--redis") { Description = "Share the crawl through this Redis (redis://host:6379): start workers on any number of machines." };

    public Option<string?> CrawlId { get; } = new("--crawl-id") { Description = "The shared crawl's name (required with --redis); crawls with different names share one Redis safely." };

    public Option<string?> WorkerId { get; } = new("--worker-id") { Description = "This worker's name in the crawl (default: host name and process id)." };

    public Option<double?> LeaseTimeout { get; } = new("--lease-timeout") { Description = "Seconds a silent worker keeps its leased requests before the others re-crawl them (default 30)." };

    public IEnumerable<Option> All => [Redis, CrawlId, WorkerId, LeaseTimeout];

    /// <summary>The shared crawl's options, or null when --redis was not given.</summary>
    public RedisCrawlOptions? Parse(ParseResult parse)
    {
        var crawlId = parse.GetValue(CrawlId);
        if (parse.GetValue(Redis) is null)
        {
            if (crawlId is not null || parse.GetValue(WorkerId) is not null || parse.GetValue(LeaseTimeout) is not null)
                throw new ConfigurationException("--crawl-id, --worker-id and --lease-timeout need --redis.");
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
        options.Validate();
        return options;
    }
}
