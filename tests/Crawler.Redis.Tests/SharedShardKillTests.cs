using System.Diagnostics;
using System.Globalization;
using AudioCrawl.SampleSite.Sounds;
using AudioCrawl.Testing;
using Sinks.Download;
using Xunit;
using Xunit.Abstractions;

namespace Crawler.Redis.Tests;

/// <summary>
/// A worker of a shared crawl killed with SIGKILL while downloaded samples wait in its open shard (a shard size larger
/// than the crawl, so no shard of it is ever finished): the samples' media requests were never completed, so another
/// worker, or the same one restarted, downloads and packs them again; every sample ends up in a finished shard once.
/// A worker paused past its lease instead (alive but silent) drops its open shard rather than pack samples twice.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class SharedShardKillTests(RedisServer redis, ITestOutputHelper log) : IDisposable
{
    private const int Sounds = 40;

    /// <summary>How many audio downloads the first worker gets before the server holds the rest.</summary>
    private const int Downloaded = 12;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_worker_killed_with_samples_in_its_open_shard_has_them_packed_once_by_the_other_workers()
    {
        var site = new SoundLibrarySite(new SoundCatalogue(Sounds));
        await using var server = await LoopbackServer.StartAsync(site);
        var reference = await UninterruptedAsync(site, server);
        var crawlId = "shard-kill-" + Guid.NewGuid().ToString("N");

        var killedAt = await KillWithSamplesInItsOpenShardAsync(site, server, Worker(server, crawlId, 0, "part0.csv"));
        var others = Enumerable.Range(1, 2).Select(i => AudioCrawlProcess.Start(_temp.Path, Worker(server, crawlId, i, $"part{i}.csv"))).ToList();
        var results = await Task.WhenAll(others.Select(worker => worker.WaitAsync(Timeout)));
        others.ForEach(worker => worker.Dispose());
        var merge = await AudioCrawlProcess.RunAsync(_temp.Path, Timeout, "merge", "part0.csv", "part1.csv", "part2.csv", "-o", "pairs.csv");
        var state = await RedisCrawlState.ReadAsync(redis.Connection, crawlId);

        Assert.All(results, result => Assert.True(result.ExitCode == 0, result.Output + result.Error));
        Assert.True(merge.ExitCode == 0, merge.Error);
        Assert.Equal(site.ExpectedPairs(server.BaseUrl).ToHashSet(), (await CsvFile.ReadPairsWithPythonAsync(_temp.File("pairs.csv"))).ToHashSet());
        Assert.True(state.Drained);
        Assert.True(state.Reclaimed > 0, "the killed worker held no lease");
        await AssertEverySampleOnceAsync(site, server, reference, ["shards0", "shards1", "shards2"]);
        // Every sample the killed worker had downloaded was downloaded again (and so was every one it held at the kill).
        Assert.True(AudioHits(server) - killedAt.AudioHitsBefore >= ExpectedKeys(site, server).Count + Downloaded,
            $"{AudioHits(server) - killedAt.AudioHitsBefore} audio requests in all: the killed worker's downloads were not all redone");
    }

    [Fact]
    public async Task A_worker_restarted_under_its_own_name_puts_its_old_leases_back_at_once_and_packs_every_sample_once()
    {
        var site = new SoundLibrarySite(new SoundCatalogue(Sounds));
        await using var server = await LoopbackServer.StartAsync(site);
        var reference = await UninterruptedAsync(site, server);
        var crawlId = "shard-restart-" + Guid.NewGuid().ToString("N");
        const int leaseSeconds = 60;

        await KillWithSamplesInItsOpenShardAsync(site, server, Worker(server, crawlId, 0, "part0.csv", leaseSeconds));
        var clock = Stopwatch.StartNew();
        var restarted = await AudioCrawlProcess.RunAsync(_temp.Path, Timeout, Worker(server, crawlId, 0, "part0-restarted.csv", leaseSeconds));
        clock.Stop();
        log.WriteLine($"the restarted worker finished in {clock.Elapsed.TotalSeconds:0.0} s");
        var state = await RedisCrawlState.ReadAsync(redis.Connection, crawlId);

        Assert.True(restarted.ExitCode == 0, restarted.Output + restarted.Error);
        // It did not wait for the killed process's leases to expire: it put them back when it joined.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(leaseSeconds - 5), $"the restarted worker took {clock.Elapsed.TotalSeconds:0} s, as long as the lease timeout");
        Assert.True(state.Drained);
        Assert.True(state.Reclaimed > 0, "the killed process held no lease");
        await AssertEverySampleOnceAsync(site, server, reference, ["shards0"]);
    }

    [Fact]
    public async Task A_worker_paused_past_its_lease_drops_its_open_shard_instead_of_packing_samples_another_worker_packed()
    {
        var site = new SoundLibrarySite(new SoundCatalogue(Sounds));
        await using var server = await LoopbackServer.StartAsync(site);
        var reference = await UninterruptedAsync(site, server);
        var crawlId = "shard-pause-" + Guid.NewGuid().ToString("N");

        var gate = await AudioGate.HoldAfterAsync(site, server, Downloaded);
        using var paused = AudioCrawlProcess.Start(_temp.Path, Worker(server, crawlId, 0, "part0.csv"));
        await gate.WaitAsync(paused);
        await paused.SignalAsync("STOP");
        gate.Open();
        // The other worker takes over the paused one's leases once they expire and finishes the whole crawl.
        var other = await AudioCrawlProcess.RunAsync(_temp.Path, Timeout, Worker(server, crawlId, 1, "part1.csv"));
        await paused.SignalAsync("CONT");
        var resumed = await paused.WaitAsync(Timeout);

        Assert.True(other.ExitCode == 0, other.Output + other.Error);
        Assert.True(resumed.ExitCode == 0, resumed.Output + resumed.Error);
        Assert.Contains("the shard is dropped", resumed.Error + resumed.Output);
        // A sample is packed twice only when its pair is in both CSV parts (the other worker claimed the pair again
        // while this one looked dead; `merge` removes the CSV copy): shards are not deduplicated across workers.
        var inBothParts = CsvFile.ReadPairs(_temp.File("part0.csv")).Intersect(CsvFile.ReadPairs(_temp.File("part1.csv")))
            .Select(p => SampleKey.Of(p.Url, p.Text)).ToHashSet();
        var samples = await WebDatasetReader.ReadAudioAsync(new[] { "shards0", "shards1" }.Select(_temp.File));
        var twice = samples.GroupBy(s => s.Key).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        log.WriteLine($"{twice.Count} samples packed by both workers; {inBothParts.Count} pairs in both CSV parts");
        Assert.Subset(inBothParts, twice);
        Assert.Equal(ExpectedKeys(site, server), samples.Select(s => s.Key).ToHashSet());
        Assert.All(samples, s => Assert.True(reference[s.Key].AsSpan().SequenceEqual(s.Audio), $"sample {s.Key} differs from the uninterrupted run's"));
    }

    /// <summary>The samples of an uninterrupted crawl of the site (key → FLAC bytes).</summary>
    private async Task<Dictionary<string, byte[]>> UninterruptedAsync(SoundLibrarySite site, LoopbackServer server)
    {
        File.WriteAllText(_temp.File("crawlers.json"), "{}");
        server.Latency = TimeSpan.FromMilliseconds(20);
        var whole = await AudioCrawlProcess.RunAsync(_temp.Path, Timeout, [.. Crawl(server, "whole.csv", "whole-shards"), "--samples-per-shard", "8"]);
        Assert.True(whole.ExitCode == 0, whole.Error);
        var reference = (await WebDatasetReader.ReadAudioAsync([_temp.File("whole-shards")])).ToDictionary(s => s.Key, s => s.Audio);
        Assert.Equal(ExpectedKeys(site, server), reference.Keys.ToHashSet());
        return reference;
    }

    /// <summary>
    /// Runs <paramref name="worker"/> alone until it has downloaded <see cref="Downloaded"/> samples (the server holds
    /// every later audio request), checks that it has no finished shard (its samples all wait in the open one), and
    /// kills it; then lets the held audio go for the workers that follow.
    /// </summary>
    private async Task<(int AudioHitsBefore, int AudioHitsAtKill)> KillWithSamplesInItsOpenShardAsync(SoundLibrarySite site, LoopbackServer server, string[] worker)
    {
        var gate = await AudioGate.HoldAfterAsync(site, server, Downloaded);
        var before = AudioHits(server);
        using var victim = AudioCrawlProcess.Start(_temp.Path, worker);
        await gate.WaitAsync(victim);
        await victim.SignalAsync("KILL");
        var killed = await victim.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(137, killed.ExitCode);
        var atKill = AudioHits(server);
        gate.Open();
        Assert.Empty(Directory.EnumerateFiles(_temp.File("shards0"), "*.tar", SearchOption.AllDirectories));
        log.WriteLine($"killed after {atKill - before} audio requests ({Downloaded} served), no finished shard");
        return (before, atKill);
    }

    private async Task AssertEverySampleOnceAsync(SoundLibrarySite site, LoopbackServer server, Dictionary<string, byte[]> reference, string[] folders)
    {
        var samples = await WebDatasetReader.ReadAudioAsync(folders.Select(_temp.File));
        Assert.Equal(samples.Count, samples.Select(s => s.Key).Distinct().Count());
        Assert.Equal(ExpectedKeys(site, server), samples.Select(s => s.Key).ToHashSet());
        Assert.All(samples, s => Assert.True(reference[s.Key].AsSpan().SequenceEqual(s.Audio), $"sample {s.Key} differs from the uninterrupted run's"));
    }

    private static HashSet<string> ExpectedKeys(SoundLibrarySite site, LoopbackServer server) =>
        site.ExpectedPairs(server.BaseUrl).Select(p => SampleKey.Of(p.Url, p.Text)).ToHashSet();

    private static int AudioHits(LoopbackServer server) => server.Log.Count(r => r.PathAndQuery.StartsWith("/audio/", StringComparison.Ordinal));

    private static string[] Crawl(LoopbackServer server, string csv, string shards) =>
    [
        "crawl", "sounds", "-o", csv, "--webdataset", shards, "--set", $"baseUrl={server.BaseUrl}",
        "--delay", "0", "--per-host", "4", "--concurrency", "4", "--transcode-workers", "1",
    ];

    /// <summary>
    /// A worker whose shard holds more samples than the crawl has: its samples stay in the open shard until the crawl
    /// settles. Short fetch timeouts, because the host slots a killed worker held expire only after them.
    /// </summary>
    private string[] Worker(LoopbackServer server, string crawlId, int worker, string csv, int leaseSeconds = 2) =>
    [
        .. Crawl(server, csv, $"shards{worker}"), "--samples-per-shard", "1000",
        "--redis", redis.Url, "--crawl-id", crawlId, "--worker-id", $"w{worker}", "--lease-timeout", leaseSeconds.ToString(CultureInfo.InvariantCulture),
        "--set", "requestTimeout=3", "--set", "connectTimeout=2", "--set", "retries=1",
    ];
}
