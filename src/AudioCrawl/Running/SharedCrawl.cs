using AudioCrawl.Core.Configuration;
using AudioCrawl.Core.Http;
using AudioCrawl.Core.Stats;
using AudioCrawl.Redis;
using StackExchange.Redis;

namespace AudioCrawl.Cli.Running;

/// <summary>This worker's part in a crawl shared through Redis: the shared frontier, pair keys, host gate and stats board.</summary>
public sealed class SharedCrawl : IAsyncDisposable
{
    private readonly IConnectionMultiplexer _connection;
    private readonly HttpFetcher _http;

    private SharedCrawl(IConnectionMultiplexer connection, RedisCrawlOptions options, EngineSettings engine, TimeProvider time)
    {
        _connection = connection;
        Options = options;
        Frontier = new RedisFrontier(connection, options, time);
        PairKeys = new RedisPairKeyStore(connection, options);
        _http = new HttpFetcher(HttpFetcherOptions.From(engine));
        var hold = TimeSpan.FromSeconds(engine.RequestTimeout + engine.ConnectTimeout) * Math.Max(1, engine.Retries + 1);
        Fetcher = new RedisHostGate(_http, connection, options, engine.PerHost, TimeSpan.FromSeconds(engine.Delay), hold, engine.RandomizeDelay, time);
        Board = new RedisStatsBoard(connection, options.CrawlId, time);
    }

    public RedisCrawlOptions Options { get; }

    public RedisFrontier Frontier { get; }

    public RedisPairKeyStore PairKeys { get; }

    public IFetcher Fetcher { get; }

    public RedisStatsBoard Board { get; }

    public static async Task<SharedCrawl> JoinAsync(string url, RedisCrawlOptions options, EngineSettings engine, TimeProvider time) =>
        new(await RedisConnector.ConnectAsync(url).ConfigureAwait(false), options, engine, time);

    public Task PublishStatsAsync(Func<CrawlStatsSnapshot> snapshot, CancellationToken cancellationToken) =>
        Board.RunPublisherAsync(Options.WorkerId, snapshot, Options.StatsInterval, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Frontier.DisposeAsync().ConfigureAwait(false);
        _http.Dispose();
        await _connection.DisposeAsync().ConfigureAwait(false);
    }
}
