using Crawler.Core.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Crawler.Redis;

public static class CrawlHostBuilderRedisExtensions
{
    /// <summary>
    /// Makes this host a worker of the crawl <paramref name="link"/> joined, shared through Redis: the shared frontier
    /// and pair keys, the spider state every worker shares, the cluster-wide host gate as a fetch stage (<see cref="FetchStageOrder.ClusterGate"/>, so pages,
    /// audio and robots.txt all pass it) and the stats board (published to by the extension <see cref="RedisStatsPublisher"/>), all waiting out outages through the one link.
    /// The caller keeps the connection.
    /// </summary>
    public static CrawlHostBuilder AddRedis(this CrawlHostBuilder builder, RedisLink link)
    {
        var engine = builder.Engine;
        var hold = TimeSpan.FromSeconds(engine.RequestTimeout + engine.ConnectTimeout) * Math.Max(1, engine.Retries + 1);
        builder.Services.AddSingleton(link.Options);
        builder.Services.AddSingleton(link);
        builder.Services.AddSingleton(_ => new RedisStatsBoard(link));
        return builder
            .AddExtension<RedisStatsPublisher>()
            .AddFrontier(_ => new RedisFrontier(link))
            .AddPairKeys(new RedisPairKeyStore(link))
            .AddSpiderState(new RedisSpiderState(link))
            .AddFetchStage(new FetchStage(FetchStageOrder.ClusterGate, "redis-host-gate", (_, next) =>
                new RedisHostGate(next, link, engine.PerHost, TimeSpan.FromSeconds(engine.Delay), hold, engine.RandomizeDelay)));
    }
}
