using System.Formats.Tar;
using System.Text.Json;
using AudioCrawl.SampleSite;
using AudioCrawl.SampleSite.Sounds;
using AudioCrawl.Testing;
using Sinks.Download;
using Xunit;
using Xunit.Abstractions;
using CliRunner = AudioCrawl.Tests.Cli;

namespace AudioCrawl.Tests.Hosting;

/// <summary>
/// Audio downloads are low-priority requests of the crawl's own frontier (real ffmpeg, real sockets), seen from the
/// server: their order, a kill in the middle, failed downloads retried, the record shared with the download command.
/// </summary>
public sealed class EngineDownloadTests(ITestOutputHelper log) : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static bool IsAudio(string pathAndQuery) => pathAndQuery.StartsWith("/audio/", StringComparison.Ordinal);

    private static int AudioHits(LoopbackServer server) => server.Log.Count(r => IsAudio(r.PathAndQuery));

    /// <summary>Every sample of the shards in <paramref name="folder"/>: its key and its audio bytes.</summary>
    internal static async Task<List<(string Key, byte[] Audio)>> ReadSamplesAsync(string folder)
    {
        var samples = new List<(string, byte[])>();
        foreach (var shard in Directory.EnumerateFiles(folder, "*.tar", SearchOption.AllDirectories))
        {
            await using var stream = File.OpenRead(shard);
            await using var reader = new TarReader(stream);
            while (await reader.GetNextEntryAsync() is { } entry)
            {
                if (!entry.Name.EndsWith(".flac", StringComparison.Ordinal))
                    continue;
                using var bytes = new MemoryStream();
                await entry.DataStream!.CopyToAsync(bytes);
                samples.Add((entry.Name[..^".flac".Length], bytes.ToArray()));
            }
        }
        return samples;
    }

    private static HashSet<string> ExpectedKeys(SoundLibrarySite site, LoopbackServer server) =>
        site.ExpectedPairs(server.BaseUrl).Select(p => SampleKey.Of(p.Url, p.Text)).ToHashSet();

    [Fact]
    public async Task Audio_requests_keep_to_their_share_of_the_engine_and_count_in_the_stats()
    {
        var site = new SoundLibrarySite(new SoundCatalogue(30));
        await using var server = await LoopbackServer.StartAsync(site);
        server.Latency = TimeSpan.FromMilliseconds(10);
        var stats = _temp.File("stats.json");

        var result = await CliRunner.RunAsync("crawl", "sounds", "-o", _temp.File("pairs.csv"), "--webdataset", _temp.File("shards"), "--samples-per-shard", "4",
            "--set", $"baseUrl={server.BaseUrl}", "--delay", "0", "--per-host", "2", "--concurrency", "1", "--download-concurrency", "1", "--stats", stats);

        Assert.True(result.ExitCode == ExitCodes.Success, result.Output + result.Error);
        var requests = server.Log.Select(r => r.PathAndQuery).Where(p => p != "/robots.txt").ToList();
        Assert.All(requests.Where(IsAudio), audio => Assert.True(requests.IndexOf(audio) > requests.IndexOf("/sound/" + audio["/audio/".Length..^".wav".Length]), $"{audio} before its page"));
        // One page and one download at once at the most, although --per-host would allow two pages.
        Assert.Equal(1, server.PeakConcurrencyUnder("audio"));
        Assert.Equal(1, server.PeakConcurrencyUnder("sound"));
        Assert.Equal(ExpectedKeys(site, server), (await ReadSamplesAsync(_temp.File("shards"))).Select(s => s.Key).ToHashSet());
        var sent = JsonDocument.Parse(await File.ReadAllTextAsync(stats)).RootElement.GetProperty("stats").GetProperty("requests").GetInt64();
        Assert.Equal(server.Log.Count(r => r.PathAndQuery != "/robots.txt"), sent);
    }

    [Fact]
    public async Task A_crawl_stopped_by_max_items_still_downloads_the_audio_of_every_pair_it_kept()
    {
        var site = new SoundLibrarySite(new SoundCatalogue(40));
        await using var server = await LoopbackServer.StartAsync(site);
        var csv = _temp.File("pairs.csv");

        var result = await CliRunner.RunAsync("crawl", "sounds", "-o", csv, "--webdataset", _temp.File("shards"), "--samples-per-shard", "4",
            "--set", $"baseUrl={server.BaseUrl}", "--delay", "0", "--set", "maxItems=5");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Output + result.Error);
        var pairs = CsvFile.ReadPairs(csv);
        Assert.Equal(5, pairs.Count);
        Assert.Equal(pairs.Select(p => SampleKey.Of(p.Url, p.Text)).ToHashSet(), (await ReadSamplesAsync(_temp.File("shards"))).Select(s => s.Key).ToHashSet());
    }

    [Fact]
    public async Task A_crawl_killed_with_SIGKILL_mid_download_resumes_to_the_samples_of_an_uninterrupted_run()
    {
        File.WriteAllText(_temp.File("crawlers.json"), "{}");
        var site = new SoundLibrarySite(new SoundCatalogue(80));
        await using var server = await LoopbackServer.StartAsync(site);
        server.Latency = TimeSpan.FromMilliseconds(15);
        string[] Crawl(string name) =>
        [
            "crawl", "sounds", "-o", $"{name}.csv", "--webdataset", $"{name}-shards", "--samples-per-shard", "4", "--job-dir", $"{name}-job",
            "--set", $"baseUrl={server.BaseUrl}", "--delay", "0", "--per-host", "4", "--concurrency", "4", "--transcode-workers", "1",
        ];

        var whole = await AudioCrawlProcess.RunAsync(_temp.Path, TimeSpan.FromMinutes(4), Crawl("whole"));
        Assert.True(whole.ExitCode == 0, whole.Error);
        var expected = ExpectedKeys(site, server);
        var audioBefore = AudioHits(server);

        using (var crawl = AudioCrawlProcess.Start(_temp.Path, Crawl("resumed")))
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (AudioHits(server) - audioBefore < expected.Count / 3 && DateTime.UtcNow < deadline && !crawl.HasExited)
                await Task.Delay(5);
            Assert.False(crawl.HasExited, "the crawl ended before it could be killed mid-download");
            await crawl.SignalAsync("KILL");
            var killed = await crawl.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.NotEqual(0, killed.ExitCode);
        }
        var packedAtKill = (await ReadSamplesAsync(_temp.File("resumed-shards"))).Count;
        log.WriteLine($"killed after {AudioHits(server) - audioBefore} audio requests, {packedAtKill} samples in shards");
        var resumed = await AudioCrawlProcess.RunAsync(_temp.Path, TimeSpan.FromMinutes(4), Crawl("resumed"));

        Assert.True(resumed.ExitCode == 0, resumed.Error);
        var uninterrupted = (await ReadSamplesAsync(_temp.File("whole-shards"))).ToDictionary(s => s.Key, s => s.Audio);
        var samples = await ReadSamplesAsync(_temp.File("resumed-shards"));
        Assert.Equal(samples.Count, samples.Select(s => s.Key).Distinct().Count());
        Assert.Equal(expected, samples.Select(s => s.Key).ToHashSet());
        Assert.Equal(expected, uninterrupted.Keys.ToHashSet());
        Assert.All(samples, s => Assert.True(uninterrupted[s.Key].AsSpan().SequenceEqual(s.Audio), $"sample {s.Key} differs from the uninterrupted run's"));
        // Samples packed before the kill were not fetched again.
        Assert.True(AudioHits(server) - audioBefore <= 2 * expected.Count - packedAtKill, "a packed sample was downloaded again");
    }

    [Fact]
    public async Task Retry_failed_fetches_again_an_audio_download_that_failed()
    {
        var site = new SoundLibrarySite(new SoundCatalogue(12));
        await using var server = await LoopbackServer.StartAsync(site);
        var failing = new Uri(site.ExpectedPairs(server.BaseUrl)[0].Url).PathAndQuery;
        var calls = 0;
        server.Handle(failing, context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.StatusCode = 500;
                return Task.CompletedTask;
            }
            context.Response.ContentType = "audio/wav";
            return context.Response.Body.WriteAsync(WavTone.Create(440)).AsTask();
        });
        var job = _temp.File("job");
        var shards = _temp.File("shards");
        string[] Crawl(params string[] extra) =>
        [
            "crawl", "sounds", "-o", _temp.File("pairs.csv"), "--webdataset", shards, "--samples-per-shard", "4", "--job-dir", job,
            "--set", $"baseUrl={server.BaseUrl}", "--delay", "0", "--set", "retries=0", .. extra,
        ];
        var expected = ExpectedKeys(site, server);
        var failedKey = SampleKey.Of(site.ExpectedPairs(server.BaseUrl)[0].Url, site.ExpectedPairs(server.BaseUrl)[0].Text);

        var first = await CliRunner.RunAsync(Crawl());
        var afterFirst = (await ReadSamplesAsync(shards)).Select(s => s.Key).ToHashSet();
        var record = (await File.ReadAllLinesAsync(Path.Combine(job, StatusJournal.JobFileName))).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var audioHits = AudioHits(server);
        var retried = await CliRunner.RunAsync(Crawl("--retry-failed"));

        Assert.True(first.ExitCode == ExitCodes.Success, first.Output + first.Error);
        Assert.Equal(expected.Where(k => k != failedKey).ToHashSet(), afterFirst);
        var failedLine = Assert.Single(record, r => r.GetProperty("key").GetString() == failedKey && r.GetProperty("status").GetString() == "failed");
        Assert.Equal("http_500", failedLine.GetProperty("reason").GetString());
        Assert.True(retried.ExitCode == ExitCodes.Success, retried.Output + retried.Error);
        Assert.Equal(2, calls);
        Assert.Equal(audioHits + 1, AudioHits(server)); // only the failed one, nothing packed again
        var samples = await ReadSamplesAsync(shards);
        Assert.Equal(expected, samples.Select(s => s.Key).ToHashSet());
        Assert.Equal(expected.Count, samples.Count);
    }

    [Fact]
    public async Task The_download_command_after_a_crawl_reuses_its_record_and_fetches_no_finished_sample()
    {
        var site = new SoundLibrarySite(new SoundCatalogue(20));
        await using var server = await LoopbackServer.StartAsync(site);
        var csv = _temp.File("pairs.csv");
        var job = _temp.File("job");
        var shards = _temp.File("shards");
        var crawl = await CliRunner.RunAsync("crawl", "sounds", "-o", csv, "--webdataset", shards, "--samples-per-shard", "4", "--job-dir", job,
            "--set", $"baseUrl={server.BaseUrl}", "--delay", "0");
        Assert.True(crawl.ExitCode == ExitCodes.Success, crawl.Output + crawl.Error);
        var hits = server.TotalHits;
        var before = await ReadSamplesAsync(shards);

        var download = await CliRunner.RunAsync("download", csv, "-o", shards, "--samples-per-shard", "4", "--job-dir", job);

        Assert.True(download.ExitCode == ExitCodes.Success, download.Output + download.Error);
        Assert.True(server.TotalHits - hits <= 1, "only robots.txt may be asked for again");
        var after = await ReadSamplesAsync(shards);
        Assert.Equal(before.Select(s => s.Key).Order(), after.Select(s => s.Key).Order());
        Assert.Equal(ExpectedKeys(site, server), after.Select(s => s.Key).ToHashSet());
        var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(shards, DownloadRunner.SummaryFileName))).RootElement;
        Assert.Equal(before.Count, summary.GetProperty("skipped_done_before").GetInt64());
    }

    [Fact]
    public async Task A_webdataset_sink_in_crawlers_json_packs_shards_without_any_cli_flag()
    {
        var site = new SoundLibrarySite(new SoundCatalogue(16));
        await using var server = await LoopbackServer.StartAsync(site);
        var config = _temp.File("crawlers.json");
        File.WriteAllText(config, $$"""
            {
              "engine": { "delay": 0 },
              "sinks": {
                "shards": { "type": "webdataset", "output": {{JsonSerializer.Serialize(_temp.File("shards-{spider}"))}}, "samplesPerShard": 3, "sampleRate": 16000 },
                "elsewhere": { "type": "files", "output": {{JsonSerializer.Serialize(_temp.File("never"))}}, "spiders": ["another"] }
              }
            }
            """);

        var result = await CliRunner.RunAsync("crawl", "sounds", "-o", _temp.File("pairs.csv"), "--config", config, "--set", $"baseUrl={server.BaseUrl}");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Output + result.Error);
        var folder = _temp.File("shards-sounds");
        var samples = await ReadSamplesAsync(folder);
        Assert.Equal(ExpectedKeys(site, server), samples.Select(s => s.Key).ToHashSet());
        Assert.Equal((samples.Count + 2) / 3, Directory.GetFiles(folder, "*.tar").Length);
        Assert.All(samples, s => Assert.Equal(16_000, FlacSampleRate(s.Audio)));
        Assert.False(Directory.Exists(_temp.File("never")));
    }

    [Theory]
    [InlineData("""{ "shards": { "type": "webdataset" } }""", "output must name the folder")]
    [InlineData("""{ "shards": { "type": "webdataset", "output": "x", "samplesPerShard": 0 } }""", "samples per shard")]
    [InlineData("""{ "loose": { "type": "files", "output": "x", "sampleRate": 12 } }""", "sampleRate 12")]
    public async Task A_bad_audio_sink_entry_is_an_error_naming_it_before_any_request(string sinks, string message)
    {
        await using var server = await LoopbackServer.StartAsync(new SoundLibrarySite(new SoundCatalogue(5)));
        var config = _temp.File("crawlers.json");
        File.WriteAllText(config, $$"""{ "sinks": {{sinks}} }""");

        var result = await CliRunner.RunAsync("crawl", "sounds", "-o", _temp.File("pairs.csv"), "--config", config, "--set", $"baseUrl={server.BaseUrl}");

        Assert.Equal(ExitCodes.BadUsage, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.Equal(0, server.TotalHits);
    }

    [Fact]
    public async Task List_sinks_names_the_webdataset_and_files_sinks()
    {
        var config = _temp.File("crawlers.json");
        File.WriteAllText(config, "{}");

        var result = await CliRunner.RunAsync("list", "--sinks", "--config", config);

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        Assert.Contains("webdataset", result.Output);
        Assert.Contains("files", result.Output);
        Assert.Contains("csv", result.Output);
    }

    /// <summary>The sample rate in a FLAC file's STREAMINFO block (20 bits after the block's first 10 bytes).</summary>
    private static int FlacSampleRate(byte[] flac) => (flac[18] << 12) | (flac[19] << 4) | (flac[20] >> 4);
}
