using Crawler.Core.Hosting;
using Crawler.Redis;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AudioCrawl.Running;

/// <summary>
/// This worker's connection to a crawl shared through Redis; <see cref="AddTo"/> makes a crawl host one of its workers
/// (the host's <see cref="RedisStatsPublisher"/> extension publishes its counters).
/// </summary>
public sealed class SharedCrawl : IAsyncDisposable
{
    private readonly IConnectionMultiplexer _connection;
    private readonly RedisLink _link;

    private SharedCrawl(IConnectionMultiplexer connection, RedisLink link)
    {
        _connection = connection;
        _link = link;
    }

    /// <summary>Connects (unreachable: a configuration error) and joins the crawl, writing its marker if it is new.</summary>
    public static async Task<SharedCrawl> JoinAsync(string url, RedisCrawlOptions options, ILoggerFactory loggers, TimeProvider time)
    {
        var connection = await RedisConnector.ConnectAsync(url).ConfigureAwait(false);
        try
        {
            var link = new RedisLink(connection, options, RedisConnector.Describe(url), loggers.CreateLogger("redis"), time);
            await link.JoinAsync().ConfigureAwait(false);
            return new SharedCrawl(connection, link);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public CrawlHostBuilder AddTo(CrawlHostBuilder builder) => builder.AddRedis(_link);

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
