using AudioCrawl.Core.Hosting;
using AudioCrawl.Redis;
using StackExchange.Redis;

namespace AudioCrawl.Cli.Running;

/// <summary>This worker's connection to a crawl shared through Redis; <see cref="AddTo"/> makes a crawl host one of its workers.</summary>
public sealed class SharedCrawl : IAsyncDisposable
{
    private readonly IConnectionMultiplexer _connection;
    private readonly RedisCrawlOptions _options;

    private SharedCrawl(IConnectionMultiplexer connection, RedisCrawlOptions options)
    {
        _connection = connection;
        _options = options;
    }

    public static async Task<SharedCrawl> JoinAsync(string url, RedisCrawlOptions options) =>
        new(await RedisConnector.ConnectAsync(url).ConfigureAwait(false), options);

    public CrawlHostBuilder AddTo(CrawlHostBuilder builder) => builder.AddRedis(_connection, _options);

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
