using AudioCrawl.Core.Hosting;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace AudioCrawl.Redis;

public static class CrawlHostBuilderRedisExtensions
{
    /// <summary>
    /// Makes this host a worker of the crawl <paramref name="options"/> names, shared through Redis: the shared frontier
    /// and pair keys, the spider state every worker shares, the cluster-wide host gate as a fetch stage (<see cref="FetchStageOrder.ClusterGate"/>, so pages,
    /// audio and robots.txt all pass it) and the stats board, published to by <see cref="RedisStatsPublisher"/>. The caller keeps the connection.
    /// </summary>
    public static CrawlHostBuilder AddRedis(this CrawlHostBuilder builder, IConnectionMultiplexer connection, RedisCrawlOptions options)
    {
        var engine = builder.Engine;
        var hold = TimeSpan.FromSeconds(engine.RequestTimeout + engine.ConnectTimeout) * Math.Max(1, engine.Retries + 1);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(services => new RedisStatsBoard(connection, options.CrawlId, services.GetRequiredService<TimeProvider>()));
        return builder
            .AddExtension<RedisStatsPublisher>()
            .AddFrontier(services => new RedisFrontier(connection, options, services.GetRequiredService<TimeProvider>()))
            .AddPairKeys(new RedisPairKeyStore(connection, options))
            .AddSpiderState(new RedisSpiderState(connection, options))
            .AddFetchStage(new FetchStage(FetchStageOrder.ClusterGate, "redis-host-gate", (services, next) =>
                new RedisHostGate(next, connection, options, engine.PerHost, TimeSpan.FromSeconds(engine.Delay), hold, engine.RandomizeDelay, services.GetRequiredService<TimeProvider>())));
    }
}
