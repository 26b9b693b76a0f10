using AudioCrawl.Core.Hosting;
using AudioCrawl.Core.Stats;
using AudioCrawl.Redis;
using StackExchange.Redis;

namespace AudioCrawl.Cli.Running;

/// <summary>This worker's connection to a crawl shared through Redis; <see cref="AddTo"/> makes a crawl host one of its workers.</summary>
public sealed class SharedCrawl : IAsyncDisposable
{
    private readonly IConnectionMultiplexer _connection;

    private SharedCrawl(IConnectionMultiplexer connection, RedisCrawlOptions options, TimeProvider time)
    {
        _connection = connection;
        Options = options;
        Board = new RedisStatsBoard(connection, options.CrawlId, time);
    }

    public RedisCrawlOptions Options { get; }

    public RedisStatsBoard Board { get; }

    public static async Task<SharedCrawl> JoinAsync(string url, RedisCrawlOptions options, TimeProvider time) =>
        new(await RedisConnector.ConnectAsync(url).ConfigureAwait(false), options, time);

    public CrawlHostBuilder AddTo(CrawlHostBuilder builder) => builder.AddRedis(_connection, Options);

    public Task PublishStatsAsync(Func<CrawlStatsSnapshot> snapshot, CancellationToken cancellationToken) =>
        Board.RunPublisherAsync(Options.WorkerId, snapshot, Options.StatsInterval, cancellationToken);

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
