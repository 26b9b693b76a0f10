using System.Collections.Concurrent;
using System.Text.Json;
using AudioCrawl.SampleSite.Sounds;
using AudioCrawl.Testing;
using Crawler.Abstractions.Http;
using Crawler.Abstractions.Stats;
using Crawler.Core.Hosting;
using Sinks.Download;
using Xunit;
using CliRunner = AudioCrawl.Tests.Cli;

namespace AudioCrawl.Tests.Hosting;

/// <summary>A crawl's audio sinks as the engine runs them: their own share of requests, their signals, their counters, seen from the server.</summary>
public sealed class MediaSinkTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static bool IsAudio(Uri url) => url.AbsolutePath.StartsWith("/audio/", StringComparison.Ordinal);

    private sealed class SignalRecorder : ICrawlExtension
    {
        public ConcurrentQueue<(string Signal, Uri Url)> Signals { get; } = new();

        public void OnRequestScheduled(Request request) => Signals.Enqueue(("scheduled", request.Url));

        public void OnResponse(Response response) => Signals.Enqueue(("response", response.Request.Url));
    }

    [Fact]
    public async Task A_crawl_extension_sees_every_audio_request_scheduled_before_its_response()
    {
        var site = new SoundLibrarySite(new SoundCatalogue(20));
        await using var server = await LoopbackServer.StartAsync(site);
        var recorder = new SignalRecorder();

        var result = await CliRunner.RunAsync(host => host.AddExtension(recorder), "crawl", "sounds", "-o", _temp.File("pairs.csv"), "--audio-dir", _temp.File("audio"), "--no-transcode",
            "--set", $"baseUrl={server.BaseUrl}", "--delay", "0");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Output + result.Error);
        var signals = recorder.Signals.ToList();
        var audio = site.ExpectedPairs(server.BaseUrl).Select(p => new Uri(p.Url)).ToList();
        Assert.Equal(audio.ToHashSet(), signals.Where(s => s.Signal == "scheduled" && IsAudio(s.Url)).Select(s => s.Url).ToHashSet());
        Assert.Equal(audio.Count, signals.Count(s => s.Signal == "scheduled" && IsAudio(s.Url)));
        Assert.All(audio, url =>
        {
            var scheduled = signals.IndexOf(("scheduled", url));
            var response = signals.IndexOf(("response", url));
            Assert.True(scheduled >= 0 && response > scheduled, $"{url}: scheduled at #{scheduled}, response at #{response}");
        });
    }

    [Fact]
    public async Task Download_concurrency_caps_the_audio_in_flight_and_per_host_bounds_pages_and_audio_together()
    {
        const int perHost = 4;
        const int downloads = 2;
        var site = new SoundLibrarySite(new SoundCatalogue(40));
        await using var server = await LoopbackServer.StartAsync(site);
        server.Latency = TimeSpan.FromMilliseconds(40);
        var csv = _temp.File("pairs.csv");

        var result = await CliRunner.RunAsync("crawl", "sounds", "-o", csv, "--audio-dir", _temp.File("audio"), "--no-transcode",
            "--set", $"baseUrl={server.BaseUrl}", "--delay", "0", "--per-host", $"{perHost}", "--set", "concurrency=8", "--download-concurrency", $"{downloads}");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Output + result.Error);
        Assert.Equal(site.ExpectedPairs(server.BaseUrl).Count, server.Log.Count(r => r.PathAndQuery.StartsWith("/audio/", StringComparison.Ordinal)));
        // Without the cap the audio would take every slot the host has once the pages are done.
        Assert.Equal(downloads, server.PeakConcurrencyUnder("audio"));
        Assert.True(server.PeakConcurrency(server.BaseUrl.Host) <= perHost, $"peak {server.PeakConcurrency(server.BaseUrl.Host)} requests at once to one host, over perHost {perHost}");
    }

    [Fact]
    public async Task The_stats_file_counts_every_sample_and_shard_the_audio_sink_wrote_also_those_of_the_last_shard()
    {
        var site = new SoundLibrarySite(new SoundCatalogue(30));
        await using var server = await LoopbackServer.StartAsync(site);
        var shards = _temp.File("shards");
        var stats = _temp.File("stats.json");

        var result = await CliRunner.RunAsync("crawl", "sounds", "-o", _temp.File("pairs.csv"), "--webdataset", shards, "--samples-per-shard", "4",
            "--set", $"baseUrl={server.BaseUrl}", "--delay", "0", "--stats", stats);

        Assert.True(result.ExitCode == ExitCodes.Success, result.Output + result.Error);
        var samples = site.ExpectedPairs(server.BaseUrl).Count;
        Assert.NotEqual(0, samples % 4); // the last shard is closed only when the sink closes
        var counters = JsonDocument.Parse(await File.ReadAllTextAsync(stats)).RootElement.GetProperty("stats").GetProperty("counters");
        Assert.Equal(Directory.GetFiles(shards, "*.tar").Length, counters.GetProperty(MediaCounters.Shards).GetInt64());
        Assert.Equal(samples, counters.GetProperty(MediaCounters.Downloaded).GetInt64());
    }

    /// <summary>The sample rate of every FLAC member of the shards in <paramref name="folder"/>, by key.</summary>
    private static async Task<Dictionary<string, int>> ShardRatesAsync(string folder) =>
        (await EngineDownloadTests.ReadSamplesAsync(folder)).ToDictionary(s => s.Key, s => FlacStreamInfo.TryRead(s.Audio)!.Value.SampleRate, StringComparer.Ordinal);

    private static Dictionary<string, string> RecordStatuses(string path) =>
        File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement)
            .GroupBy(r => r.GetProperty("key").GetString()!)
            .ToDictionary(g => g.Key, g => g.Last().GetProperty("status").GetString()!, StringComparer.Ordinal);

    [Fact]
    public async Task Several_audio_sinks_in_one_crawl_each_get_every_sample_of_one_download_per_audio_url()
    {
        var site = new SoundLibrarySite(new SoundCatalogue(24));
        await using var server = await LoopbackServer.StartAsync(site);
        var loose = _temp.File("loose");
        var small = _temp.File("small");
        var shards = _temp.File("shards");
        var job = _temp.File("job");
        var config = _temp.File("crawlers.json");
        File.WriteAllText(config, $$"""
            {
              "engine": { "delay": 0 },
              "sinks": {
                "loose": { "type": "files", "output": {{JsonSerializer.Serialize(loose)}}, "noTranscode": true },
                "small": { "type": "webdataset", "output": {{JsonSerializer.Serialize(small)}}, "sampleRate": 16000, "samplesPerShard": 5 }
              }
            }
            """);

        var result = await CliRunner.RunAsync("crawl", "sounds", "-o", _temp.File("pairs.csv"), "--config", config, "--webdataset", shards, "--samples-per-shard", "4",
            "--job-dir", job, "--set", $"baseUrl={server.BaseUrl}");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Output + result.Error);
        var pairs = site.ExpectedPairs(server.BaseUrl);
        var keys = pairs.Select(p => SampleKey.Of(p.Url, p.Text)).ToHashSet();
        Assert.All(pairs, pair => Assert.Equal(1, server.Hits(new Uri(pair.Url).PathAndQuery)));
        Assert.Equal(keys, Directory.GetFiles(loose, "*.wav").Select(f => Path.GetFileNameWithoutExtension(f)!).ToHashSet());
        var smallRates = await ShardRatesAsync(small);
        Assert.Equal(keys, smallRates.Keys.ToHashSet());
        Assert.All(smallRates.Values, rate => Assert.Equal(16_000, rate));
        var rates = await ShardRatesAsync(shards);
        Assert.Equal(keys, rates.Keys.ToHashSet());
        Assert.All(rates.Values, rate => Assert.Equal(48_000, rate));
        // Each sink's status of each sample in its own record: the first audio sink's in samples.jsonl, as download --job-dir reads it.
        foreach (var record in new[] { StatusJournal.JobFileName, "samples-webdataset.jsonl", "samples-webdataset-2.jsonl" })
        {
            var statuses = RecordStatuses(Path.Combine(job, record));
            Assert.Equal(keys, statuses.Keys.ToHashSet());
            Assert.All(statuses.Values, status => Assert.Equal("success", status));
        }
    }
}
