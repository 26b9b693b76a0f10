using System.Globalization;
using AudioCrawl.SampleSite.Sounds;
using AudioCrawl.SampleSite.TestSites.Scripted;
using AudioCrawl.Testing;
using Xunit;

namespace Crawler.Redis.Tests;

/// <summary>A Redis worker builds the same crawl host as a crawl of its own: the browser fetcher, and audio through the cluster gate.</summary>
[Collection(RedisCollection.Name)]
public sealed class SharedCrawlHostTests(RedisServer redis) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_redis_worker_fetches_the_pages_of_a_follow_rule_with_the_browser_fetcher()
    {
        var site = new ScriptedSite();
        await using var server = await LoopbackServer.StartAsync(site);
        server.Page(BrowserFollowConfig.IndexPath, BrowserFollowConfig.IndexHtml);
        var config = BrowserFollowConfig.Write(_temp.Path);

        var result = await AudioCrawlProcess.RunAsync(_temp.Path, Timeout, "crawl", BrowserFollowConfig.Spider, "-o", "part.csv", "--config", config,
            "--set", $"baseUrl={server.BaseUrl}", "--redis", redis.Url, "--crawl-id", "browser-" + Guid.NewGuid().ToString("N"), "--worker-id", "w0");

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Equal(site.ExpectedPairs(server.BaseUrl).ToHashSet(), CsvFile.ReadPairs(_temp.File("part.csv")).ToHashSet());
        Assert.Equal(1, server.Hits("/api/sounds")); // only the library's script asks for it: the browser ran the page
    }

    [Fact]
    public async Task Two_workers_downloading_audio_keep_pages_and_audio_of_one_host_within_the_cluster_wide_limit()
    {
        const int perHost = 2;
        var site = new SoundLibrarySite(new SoundCatalogue(60));
        await using var server = await LoopbackServer.StartAsync(site);
        server.Latency = TimeSpan.FromMilliseconds(30);
        File.WriteAllText(_temp.File("crawlers.json"), "{}");
        var crawlId = "download-" + Guid.NewGuid().ToString("N");

        var workers = Enumerable.Range(0, 2).Select(i => AudioCrawlProcess.Start(_temp.Path,
            "crawl", "sounds", "-o", $"part{i}.csv", "--audio-dir", $"audio{i}", "--no-transcode", "--set", $"baseUrl={server.BaseUrl}",
            "--delay", "0", "--per-host", perHost.ToString(CultureInfo.InvariantCulture), "--set", "concurrency=8", "--download-concurrency", "8",
            "--redis", redis.Url, "--crawl-id", crawlId, "--worker-id", $"w{i}")).ToList();
        var results = await Task.WhenAll(workers.Select(worker => worker.WaitAsync(Timeout)));
        workers.ForEach(worker => worker.Dispose());

        Assert.All(results, result => Assert.True(result.ExitCode == 0, result.Output + result.Error));
        var pairs = Enumerable.Range(0, 2).SelectMany(i => CsvFile.ReadPairs(_temp.File($"part{i}.csv"))).ToList();
        Assert.Equal(site.ExpectedPairs(server.BaseUrl).ToHashSet(), pairs.ToHashSet());
        var audioRequested = server.Log.Where(r => r.PathAndQuery.StartsWith("/audio/", StringComparison.Ordinal)).Select(r => server.Url(r.PathAndQuery).AbsoluteUri);
        Assert.Equal(pairs.Select(p => p.Url).ToHashSet(), audioRequested.ToHashSet());
        Assert.InRange(server.PeakConcurrency(server.BaseUrl.Host), 1, perHost);
    }

    [Fact]
    public async Task Two_workers_packing_shards_finish_and_pack_every_sample_once_between_them()
    {
        var site = new SoundLibrarySite(new SoundCatalogue(30));
        await using var server = await LoopbackServer.StartAsync(site);
        File.WriteAllText(_temp.File("crawlers.json"), "{}");
        var crawlId = "shards-" + Guid.NewGuid().ToString("N");

        var workers = Enumerable.Range(0, 2).Select(i => AudioCrawlProcess.Start(_temp.Path,
            "crawl", "sounds", "-o", $"part{i}.csv", "--webdataset", $"shards{i}", "--samples-per-shard", "64", "--set", $"baseUrl={server.BaseUrl}",
            "--delay", "0", "--redis", redis.Url, "--crawl-id", crawlId, "--worker-id", $"w{i}")).ToList();
        var results = await Task.WhenAll(workers.Select(worker => worker.WaitAsync(Timeout)));
        workers.ForEach(worker => worker.Dispose());

        Assert.All(results, result => Assert.True(result.ExitCode == 0, result.Output + result.Error));
        var keys = new List<string>();
        foreach (var shard in Enumerable.Range(0, 2).SelectMany(i => Directory.EnumerateFiles(_temp.File($"shards{i}"), "*.tar")))
        {
            await using var stream = File.OpenRead(shard);
            await using var reader = new System.Formats.Tar.TarReader(stream);
            while (await reader.GetNextEntryAsync() is { } entry)
            {
                if (entry.Name.EndsWith(".flac", StringComparison.Ordinal))
                    keys.Add(entry.Name[..^".flac".Length]);
            }
        }
        var expected = site.ExpectedPairs(server.BaseUrl).Select(p => Sinks.Download.SampleKey.Of(p.Url, p.Text)).ToHashSet();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Equal(expected, keys.ToHashSet());
    }
}
