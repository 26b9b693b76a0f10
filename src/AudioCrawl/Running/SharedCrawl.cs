using AudioCrawl.Core.Hosting;
using AudioCrawl.Core.Stats;
using AudioCrawl.Redis;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AudioCrawl.Cli.Running;

/// <summary>This worker's connection to a crawl shared through Redis; <see cref="AddTo"/> makes a crawl host one of its workers.</summary>
public sealed class SharedCrawl : IAsyncDisposable
{
    private readonly IConnectionMultiplexer _connection;
    private readonly RedisLink _link;

    private SharedCrawl(IConnectionMultiplexer connection, RedisLink link)
    {
        _connection = connection;
        _link = link;
        Board = new RedisStatsBoard(link);
    }

    public RedisCrawlOptions Options => _link.Options;

    public RedisStatsBoard Board { get; }

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

    public Task PublishStatsAsync(Func<CrawlStatsSnapshot> snapshot, CancellationToken cancellationToken) =>
        Board.RunPublisherAsync(Options.WorkerId, snapshot, Options.StatsInterval, cancellationToken);

    /// <summary>The worker's last word on the board, if Redis answers now.</summary>
    public Task PublishFinalAsync(string state, CrawlStatsSnapshot stats) => Board.TryPublishAsync(Options.WorkerId, state, stats);

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
