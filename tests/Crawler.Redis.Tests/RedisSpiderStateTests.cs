using AudioCrawl.SampleSite.TestSites.YouTube;
using AudioCrawl.Testing;
using Crawler.Abstractions.Spiders;
using StackExchange.Redis;
using Xunit;

namespace Crawler.Redis.Tests;

/// <summary>Spider state shared through Redis: one state for every worker, counters that never let more than a limit through.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisSpiderStateTests(RedisServer redis) : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static RedisLink Link(IConnectionMultiplexer connection, string crawlId, string worker) =>
        new(connection, new RedisCrawlOptions { CrawlId = crawlId, WorkerId = worker }, "test redis");

    [Fact]
    public async Task Two_workers_racing_for_places_under_one_limit_get_exactly_the_limit_between_them()
    {
        var crawlId = "state-" + Guid.NewGuid().ToString("N");
        await using var second = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Port}");
        ISpiderState[] workers = [new RedisSpiderState(Link(redis.Connection, crawlId, "w0")), new RedisSpiderState(Link(second, crawlId, "w1"))];

        var taken = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => workers[i % 2].TryTakeAsync("kept/@birdsong", 35).AsTask()));

        Assert.Equal(35, taken.Count(t => t));
        Assert.Equal(35, await workers[1].GetAsync<long>("kept/@birdsong"));
    }

    [Fact]
    public async Task A_value_one_worker_sets_is_what_another_worker_reads()
    {
        var crawlId = "state-" + Guid.NewGuid().ToString("N");
        await using var second = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Port}");

        await new RedisSpiderState(Link(redis.Connection, crawlId, "w0")).SetAsync("cursor", new[] { "page-2", "page-3" });

        Assert.Equal(["page-2", "page-3"], await new RedisSpiderState(Link(second, crawlId, "w1")).GetAsync<string[]>("cursor") ?? []);
        Assert.Null(await new RedisSpiderState(Link(second, "other-" + crawlId, "w1")).GetAsync<string[]>("cursor"));
    }

    [Fact]
    public async Task The_per_input_limit_of_youtube_holds_across_two_redis_workers()
    {
        const int limit = YouTubeCatalogue.ChannelPageSize + 5;
        var catalogue = new YouTubeCatalogue();
        await using var server = await LoopbackServer.StartAsync(new YouTubeWebSite(catalogue));
        server.Latency = TimeSpan.FromMilliseconds(200);
        File.WriteAllText(_temp.File("crawlers.json"), "{}");
        var crawlId = "youtube-" + Guid.NewGuid().ToString("N");

        var workers = Enumerable.Range(0, 2).Select(i => AudioCrawlProcess.Start(_temp.Path,
            "crawl", "youtube", "-o", $"part{i}.csv", "--config", _temp.File("crawlers.json"), "--delay", "0",
            "--set", $"baseUrl={server.BaseUrl}", "--set", "channels=@birdsong,@fieldrecordings", "--set", "obeyRobotsTxt=false",
            "--set", $"maxResultsPerInput={limit}", "--redis", redis.Url, "--crawl-id", crawlId, "--worker-id", $"w{i}")).ToList();
        var results = await Task.WhenAll(workers.Select(worker => worker.WaitAsync(TimeSpan.FromMinutes(3))));
        workers.ForEach(worker => worker.Dispose());

        Assert.All(results, result => Assert.True(result.ExitCode == 0, result.Output + result.Error));
        var pairs = Enumerable.Range(0, 2).SelectMany(i => CsvFile.ReadPairs(_temp.File($"part{i}.csv"))).ToList();
        var birdsong = catalogue.BirdsongVideos.Select(v => v.WatchUrl).ToHashSet();
        Assert.Equal(limit, pairs.Count(p => birdsong.Contains(p.Url)));
        Assert.InRange(pairs.Count(p => !birdsong.Contains(p.Url)), 1, limit);
    }

    [Fact]
    public async Task A_worker_that_joins_after_another_ran_out_of_data_api_quota_sends_no_api_call()
    {
        const string key = "AIzaSyTestKeyForTheDataApi000000000000";
        var catalogue = new YouTubeCatalogue();
        await using var api = await LoopbackServer.StartAsync(new YouTubeDataApiSite(key, catalogue) { DailyQuota = 3 });
        await using var web = await LoopbackServer.StartAsync(new YouTubeWebSite(catalogue));
        File.WriteAllText(_temp.File("crawlers.json"), "{}");
        var crawlId = "quota-" + Guid.NewGuid().ToString("N");
        var videos = string.Join(',', catalogue.BirdsongVideos.Take(8).Select(v => v.Id));
        string[] Worker(int i, params string[] more) =>
        [
            "crawl", "youtube", "-o", $"part{i}.csv", "--config", _temp.File("crawlers.json"), "--delay", "0",
            "--set", "backend=data-api", "--set", $"apiKey={key}", "--set", $"apiBaseUrl={new Uri(api.BaseUrl, "youtube/v3/")}",
            "--set", $"baseUrl={web.BaseUrl}", "--set", "includeShorts=true", "--set", $"videos={videos}",
            "--redis", redis.Url, "--crawl-id", crawlId, "--worker-id", $"w{i}", "--lease-timeout", "1", .. more,
        ];
        int ApiCalls() => api.Log.Count(r => r.PathAndQuery.StartsWith("/youtube/v3/", StringComparison.Ordinal));

        // One call at a time: three spend the quota, the fourth is refused. w0 is stopped (Ctrl+C) while that fourth call is
        // in flight: its answer is still handled, and the other four calls stay pending in Redis for the next worker.
        api.Latency = TimeSpan.FromMilliseconds(700);
        using (var first = AudioCrawlProcess.Start(_temp.Path, Worker(0, "--set", "concurrency=1")))
        {
            var deadline = DateTime.UtcNow.AddMinutes(1);
            while (ApiCalls() < 4 && DateTime.UtcNow < deadline && !first.HasExited)
                await Task.Delay(20);
            Assert.False(first.HasExited, first.ErrorSoFar);
            await first.SignalAsync("INT");
            var stopped = await first.WaitAsync(TimeSpan.FromSeconds(60));
            Assert.True(ApiCalls() == 4, stopped.Output + stopped.Error);
            Assert.Contains("quota exceeded", stopped.Error, StringComparison.Ordinal);
        }
        var left = await RedisCrawlState.ReadAsync(redis.Connection, crawlId);
        Assert.True(left.Seeded && left.Pending == 4, left.ToString());
        api.Latency = TimeSpan.Zero;
        var second = await AudioCrawlProcess.RunAsync(_temp.Path, TimeSpan.FromMinutes(2), Worker(1));

        Assert.True(second.ExitCode == 0, second.Output + second.Error);
        Assert.Equal(4, ApiCalls());
        Assert.Contains("pending API calls are dropped unsent", second.Output + second.Error, StringComparison.Ordinal);
        Assert.Equal(3, CsvFile.ReadPairs(_temp.File("part0.csv")).Count);
    }
}
