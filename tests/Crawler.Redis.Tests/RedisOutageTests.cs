using System.Diagnostics;
using System.Globalization;
using AudioCrawl.SampleSite.Sounds;
using AudioCrawl.Testing;
using Xunit;

namespace Crawler.Redis.Tests;

/// <summary>
/// Real audiocrawl workers against a redis-server of the test's own that the test pauses, kills or restarts
/// mid-crawl. In the redis collection so that no other crawl competes for the machine while an outage is timed.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisOutageTests : IDisposable
{
    private const int PerHost = 4;
    private const string Unreachable = "is unreachable";
    private const string Back = "is back after";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private readonly TempDirectory _temp = new();

    public RedisOutageTests() => File.WriteAllText(_temp.File("crawlers.json"), "{}");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_redis_paused_for_10_s_mid_crawl_is_waited_out_and_the_csv_equals_an_uninterrupted_runs()
    {
        var site = new SoundLibrarySite(new SoundCatalogue(600));
        await using var server = await LoopbackServer.StartAsync(site);
        var alone = await AudioCrawlProcess.RunAsync(_temp.Path, Timeout, Crawl(server, "alone.csv"));
        Assert.True(alone.ExitCode == 0, alone.Error);
        server.Latency = TimeSpan.FromMilliseconds(30);
        await using var redis = await RedisServer.StartAsync(Directory.CreateDirectory(_temp.File("redis")).FullName);

        using var worker = AudioCrawlProcess.Start(_temp.Path, Shared(server, redis, "paused", 0));
        await WaitForRowsAsync("part0.csv", 20);
        await redis.PauseAsync();
        await Task.Delay(TimeSpan.FromSeconds(1));
        var rowsEarlyInPause = CsvFile.CountLines(_temp.File("part0.csv"));
        await Task.Delay(TimeSpan.FromSeconds(9));
        var rowsLateInPause = CsvFile.CountLines(_temp.File("part0.csv"));
        await redis.ResumeAsync();
        var result = await worker.WaitAsync(Timeout);

        Assert.True(result.ExitCode == 0, result.Error);
        // No pair reaches the CSV while its key cannot be recorded in Redis.
        Assert.Equal(rowsEarlyInPause, rowsLateInPause);
        Assert.Equal(1, Occurrences(result.Error, Unreachable));
        Assert.Equal(1, Occurrences(result.Error, Back));
        Assert.Contains($"Redis at {redis.Url} {Unreachable}", result.Error);
        var part = await CsvFile.ReadPairsWithPythonAsync(_temp.File("part0.csv"));
        Assert.Equal(part.Count, part.Distinct().Count());
        Assert.Equal((await CsvFile.ReadPairsWithPythonAsync(_temp.File("alone.csv"))).ToHashSet(), part.ToHashSet());
        Assert.Equal(site.ExpectedPairs(server.BaseUrl).Count, part.Count);
    }

    [Fact]
    public async Task A_redis_gone_for_good_stops_the_worker_with_exit_1_within_the_outage_timeout_and_a_valid_part()
    {
        var site = new SoundLibrarySite(new SoundCatalogue(600));
        await using var server = await LoopbackServer.StartAsync(site);
        server.Latency = TimeSpan.FromMilliseconds(30);
        await using var redis = await RedisServer.StartAsync();

        using var worker = AudioCrawlProcess.Start(_temp.Path, Shared(server, redis, "gone", 0, "--redis-outage-timeout", "4"));
        await WaitForRowsAsync("part0.csv", 20);
        await redis.StopAsync(kill: true);
        var clock = Stopwatch.StartNew();
        var result = await worker.WaitAsync(Timeout);
        clock.Stop();

        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}: {result.Error}");
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4 + 20));
        Assert.Contains($"Redis at {redis.Url} did not come back within 4 s", result.Error);
        Assert.Contains("--redis-outage-timeout", result.Error);
        Assert.Equal(1, Occurrences(result.Error, Unreachable));
        var part = await CsvFile.ReadPairsWithPythonAsync(_temp.File("part0.csv"));
        Assert.True(part.Count >= 20, $"{part.Count} rows");
        Assert.Equal(part.Count, part.Distinct().Count());
        Assert.Subset(site.ExpectedPairs(server.BaseUrl).ToHashSet(), part.ToHashSet());
    }

    [Fact]
    public async Task A_redis_restarted_empty_is_an_error_naming_the_endpoint_not_a_silent_fresh_start()
    {
        var site = new SoundLibrarySite(new SoundCatalogue(600));
        await using var server = await LoopbackServer.StartAsync(site);
        server.Latency = TimeSpan.FromMilliseconds(30);
        await using var redis = await RedisServer.StartAsync();

        using var worker = AudioCrawlProcess.Start(_temp.Path, Shared(server, redis, "emptied", 0));
        await WaitForRowsAsync("part0.csv", 20);
        await redis.StopAsync(kill: true);
        await redis.RestartAsync();
        var result = await worker.WaitAsync(Timeout);

        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}: {result.Error}");
        Assert.Contains($"Redis at {redis.Url} no longer holds crawl 'emptied'", result.Error);
        Assert.Contains("appendonly yes", result.Error);
        var part = await CsvFile.ReadPairsWithPythonAsync(_temp.File("part0.csv"));
        Assert.True(part.Count < site.ExpectedPairs(server.BaseUrl).Count, "the worker crawled on into the empty Redis");
        Assert.Equal(part.Count, part.Distinct().Count());
    }

    [Fact]
    public async Task Two_workers_ride_out_a_5_s_redis_restart_with_its_append_only_file_and_merge_to_the_exact_csv()
    {
        var site = new SoundLibrarySite(new SoundCatalogue(600));
        await using var server = await LoopbackServer.StartAsync(site);
        server.Latency = TimeSpan.FromMilliseconds(30);
        await using var redis = await RedisServer.StartAsync(Directory.CreateDirectory(_temp.File("redis")).FullName);

        await RideOutWithTwoWorkersAsync(server, redis, "restarted", [], async () =>
        {
            await WaitForRowsAsync("part0.csv", 20);
            await redis.StopAsync();
            await Task.Delay(TimeSpan.FromSeconds(5));
            await redis.RestartAsync();
        });

        var parts = Enumerable.Range(0, 2).SelectMany(i => CsvFile.ReadPairs(_temp.File($"part{i}.csv"))).ToList();
        Assert.Equal(parts.Count, parts.Distinct().Count());
        var merged = await CsvFile.ReadPairsWithPythonAsync(_temp.File("pairs.csv"));
        Assert.Equal(site.ExpectedPairs(server.BaseUrl).ToHashSet(), merged.ToHashSet());
        Assert.Equal(site.ExpectedPairs(server.BaseUrl).Count, merged.Count);
    }

    [Fact]
    public async Task An_outage_longer_than_the_lease_timeout_refetches_leased_pages_and_the_pair_store_keeps_the_merged_csv_exact()
    {
        var site = new SoundLibrarySite(new SoundCatalogue(600));
        await using var server = await LoopbackServer.StartAsync(site);
        var alone = await AudioCrawlProcess.RunAsync(_temp.Path, Timeout, Crawl(server, "alone.csv"));
        Assert.True(alone.ExitCode == 0, alone.Error);
        var hitsAlone = server.AllHits;
        Assert.All(hitsAlone.Where(hit => hit.Key != "/robots.txt"), hit => Assert.Equal(1, hit.Value));
        server.Latency = TimeSpan.FromMilliseconds(30);
        await using var redis = await RedisServer.StartAsync();

        // Leases of 1 s, an outage of 6 s: every lease held when Redis stops has expired when it answers again.
        await RideOutWithTwoWorkersAsync(server, redis, "outlived", ["--lease-timeout", "1", "--redis-outage-timeout", "60"], async () =>
        {
            await WaitForRowsAsync("part0.csv", 20);
            await WaitForRowsAsync("part1.csv", 20);
            await redis.PauseAsync();
            await Task.Delay(TimeSpan.FromSeconds(6));
            await redis.ResumeAsync();
        });

        // The expired leases went back to the queue, so some pages were fetched a second time after the outage ...
        var refetched = server.AllHits.Where(hit => hit.Key != "/robots.txt" && hit.Value - hitsAlone.GetValueOrDefault(hit.Key) > 1).Select(hit => hit.Key).ToList();
        Assert.NotEmpty(refetched);
        // ... and the merged CSV holds each pair once: the pair store dropped the second copies (a pair whose
        // claimer looked dead when it was refetched may be in both parts; merge removes that one).
        var merged = await CsvFile.ReadPairsWithPythonAsync(_temp.File("pairs.csv"));
        Assert.Equal((await CsvFile.ReadPairsWithPythonAsync(_temp.File("alone.csv"))).ToHashSet(), merged.ToHashSet());
        Assert.Equal(site.ExpectedPairs(server.BaseUrl).Count, merged.Count);
    }

    [Fact]
    public async Task A_redis_unreachable_at_start_is_a_configuration_error_and_nothing_is_fetched()
    {
        var site = new SoundLibrarySite(new SoundCatalogue(20));
        await using var server = await LoopbackServer.StartAsync(site);
        var redis = await RedisServer.StartAsync();
        var url = redis.Url;
        await redis.DisposeAsync();

        var result = await AudioCrawlProcess.RunAsync(_temp.Path, Timeout, Crawl(server, "part.csv", "--redis", url, "--crawl-id", "nowhere"));

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Error}");
        Assert.Contains($"--redis {url}: cannot connect", result.Error);
        Assert.Empty(server.AllHits);
    }

    [Theory]
    [InlineData("--redis-outage-timeout -1 --redis redis://127.0.0.1:1 --crawl-id x", "--redis-outage-timeout -1: give seconds between 0 and 86400.")]
    [InlineData("--redis-outage-timeout 5", "--crawl-id, --worker-id, --lease-timeout and --redis-outage-timeout need --redis.")]
    public async Task A_bad_outage_timeout_is_bad_usage(string flags, string message)
    {
        var result = await AudioCrawlProcess.RunAsync(_temp.Path, Timeout, ["crawl", "sounds", "-o", "part.csv", .. flags.Split(' ')]);

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Error}");
        Assert.Contains(message, result.Error);
    }

    /// <summary>Two workers crawl through <paramref name="outage"/>; both must finish (exit 0, back after the outage) and their parts merge into pairs.csv.</summary>
    private async Task RideOutWithTwoWorkersAsync(LoopbackServer server, RedisServer redis, string crawlId, string[] flags, Func<Task> outage)
    {
        var workers = Enumerable.Range(0, 2).Select(i => AudioCrawlProcess.Start(_temp.Path, Shared(server, redis, crawlId, i, flags))).ToList();
        await outage();
        var results = await Task.WhenAll(workers.Select(worker => worker.WaitAsync(Timeout)));
        workers.ForEach(worker => worker.Dispose());
        var merge = await AudioCrawlProcess.RunAsync(_temp.Path, Timeout, "merge", "part0.csv", "part1.csv", "-o", "pairs.csv");

        Assert.All(results, result => Assert.True(result.ExitCode == 0, result.Error));
        Assert.All(results, result => Assert.Contains(Back, result.Error));
        Assert.True(merge.ExitCode == 0, merge.Error);
    }

    private async Task WaitForRowsAsync(string file, int rows)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (CsvFile.CountLines(_temp.File(file)) - 1 < rows)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{file} never reached {rows} rows");
            await Task.Delay(50);
        }
    }

    private static int Occurrences(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    private static string[] Crawl(LoopbackServer server, string output, params string[] more) =>
        ["crawl", "sounds", "-o", output, "--set", $"baseUrl={server.BaseUrl}", "--delay", "0", "--per-host", PerHost.ToString(CultureInfo.InvariantCulture), .. more];

    private static string[] Shared(LoopbackServer server, RedisServer redis, string crawlId, int worker, params string[] more) =>
        Crawl(server, $"part{worker}.csv", ["--redis", redis.Url, "--crawl-id", crawlId, "--worker-id", $"w{worker}", .. more]);
}
