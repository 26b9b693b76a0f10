using AudioCrawl.SampleSite.Sounds;
using AudioCrawl.Testing;
using Xunit;

namespace Crawler.Redis.Tests;

/// <summary>Real audiocrawl worker processes sharing one crawl through a real redis-server, against one loopback site.</summary>
[Collection(RedisCollection.Name)]
public sealed class DistributedCrawlTests(RedisServer redis) : IDisposable
{
    private const int PerHost = 4;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(6);

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Three_workers_fetch_each_page_once_hold_the_per_host_limit_and_merge_to_the_single_process_result()
    {
        var site = new SoundLibrarySite(new SoundCatalogue(2000));
        await using var single = await LoopbackServer.StartAsync(site);
        var alone = await AudioCrawlProcess.RunAsync(Prepare(), Timeout, Crawl(single, "alone.csv"));
        Assert.True(alone.ExitCode == 0, alone.Error);
        await using var server = await LoopbackServer.StartAsync(site);
        server.Latency = TimeSpan.FromMilliseconds(5);
        var crawlId = "three-" + Guid.NewGuid().ToString("N");

        var workers = Enumerable.Range(0, 3).Select(i => AudioCrawlProcess.Start(_temp.Path, Shared(server, crawlId, i))).ToList();
        var results = await Task.WhenAll(workers.Select(worker => worker.WaitAsync(Timeout)));
        workers.ForEach(worker => worker.Dispose());
        var merge = await AudioCrawlProcess.RunAsync(_temp.Path, Timeout, "merge", "part0.csv", "part1.csv", "part2.csv", "-o", "pairs.csv");
        var status = await AudioCrawlProcess.RunAsync(_temp.Path, Timeout, "status", "--redis", redis.Url, "--crawl-id", crawlId);

        Assert.All(results, result => Assert.True(result.ExitCode == 0, result.Error));
        Assert.True(merge.ExitCode == 0, merge.Error);
        Assert.True(status.ExitCode == 0, status.Error);
        Assert.Contains($"crawl {crawlId}: drained; 0 pending, 0 leased", status.Output);
        Assert.Matches($@"total\s+(\d+)\s+{Pages(server).Values.Sum()}\s", status.Output);
        var merged = await CsvFile.ReadPairsWithPythonAsync(_temp.File("pairs.csv"));
        var expected = (await CsvFile.ReadPairsWithPythonAsync(_temp.File("alone.csv")))
            .Select(pair => (pair.Url.Replace(single.BaseUrl.AbsoluteUri, server.BaseUrl.AbsoluteUri, StringComparison.Ordinal), pair.Text));
        Assert.Equal(merged.Count, merged.Distinct().Count());
        Assert.Equal(expected.ToHashSet(), merged.ToHashSet());
        Assert.Equal(site.ExpectedPairs(server.BaseUrl).Count, merged.Count);
        Assert.All(Pages(server), hits => Assert.Equal(1, hits.Value));
        Assert.Equal(Pages(single).Keys.ToHashSet(), Pages(server).Keys.ToHashSet());
        Assert.InRange(server.PeakConcurrency(server.BaseUrl.Host), 1, PerHost);
        Assert.All(Enumerable.Range(0, 3), i => Assert.NotEmpty(CsvFile.ReadPairs(_temp.File($"part{i}.csv"))));
    }

    [Fact]
    public async Task A_worker_killed_mid_crawl_has_its_leased_requests_recrawled_by_the_others_and_nothing_is_lost()
    {
        var site = new SoundLibrarySite(new SoundCatalogue(600));
        await using var server = await LoopbackServer.StartAsync(site);
        server.Latency = TimeSpan.FromMilliseconds(30);
        var crawlId = "kill-" + Guid.NewGuid().ToString("N");
        Prepare();

        var victim = AudioCrawlProcess.Start(_temp.Path, Shared(server, crawlId, 0, "--lease-timeout", "1", "--set", "requestTimeout=3", "--set", "connectTimeout=2", "--set", "retries=1"));
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (CsvFile.CountLines(_temp.File("part0.csv")) < 20 && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        // Killed while it is the only worker, so it certainly holds leases (a busy worker always has requests
        // dequeued); the others join the crawl afterwards and must reclaim them once the leases expire.
        await victim.SignalAsync("KILL");
        var killed = await victim.WaitAsync(TimeSpan.FromSeconds(30));
        var others = Enumerable.Range(1, 2).Select(i => AudioCrawlProcess.Start(_temp.Path, Shared(server, crawlId, i, "--lease-timeout", "1", "--set", "requestTimeout=3", "--set", "connectTimeout=2", "--set", "retries=1"))).ToList();
        var results = await Task.WhenAll(others.Select(worker => worker.WaitAsync(Timeout)));
        others.ForEach(worker => worker.Dispose());
        victim.Dispose();
        var merge = await AudioCrawlProcess.RunAsync(_temp.Path, Timeout, "merge", "part0.csv", "part1.csv", "part2.csv", "-o", "pairs.csv");
        var state = await RedisCrawlState.ReadAsync(redis.Connection, crawlId);

        Assert.Equal(137, killed.ExitCode);
        Assert.All(results, result => Assert.True(result.ExitCode == 0, result.Error));
        Assert.True(merge.ExitCode == 0, merge.Error);
        Assert.True(state.Reclaimed > 0, "the killed worker held no lease");
        Assert.True(state.Drained);
        var merged = await CsvFile.ReadPairsWithPythonAsync(_temp.File("pairs.csv"));
        Assert.Equal(site.ExpectedPairs(server.BaseUrl).ToHashSet(), merged.ToHashSet());
        Assert.Equal(merged.Count, merged.Distinct().Count());
        Assert.InRange(server.PeakConcurrency(server.BaseUrl.Host), 1, PerHost);
    }

    private string Prepare()
    {
        File.WriteAllText(_temp.File("crawlers.json"), "{}");
        return _temp.Path;
    }

    private static string[] Crawl(LoopbackServer server, string output, params string[] more) =>
        ["crawl", "sounds", "-o", output, "--set", $"baseUrl={server.BaseUrl}", "--delay", "0", "--per-host", PerHost.ToString(System.Globalization.CultureInfo.InvariantCulture), .. more];

    private string[] Shared(LoopbackServer server, string crawlId, int worker, params string[] more) =>
        Crawl(server, $"part{worker}.csv", ["--redis", redis.Url, "--crawl-id", crawlId, "--worker-id", $"w{worker}", .. more]);

    private static Dictionary<string, int> Pages(LoopbackServer server) =>
        server.AllHits.Where(hit => hit.Key != "/robots.txt").ToDictionary();
}
