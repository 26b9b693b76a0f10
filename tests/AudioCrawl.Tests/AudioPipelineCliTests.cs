using AudioCrawl;
using AudioCrawl.SampleSite;
using AudioCrawl.SampleSite.Sounds;
using AudioCrawl.Testing;
using Sinks.Download;
using Xunit;
using CliRunner = AudioCrawl.Tests.Cli;

namespace AudioCrawl.Tests;

public sealed class AudioPipelineCliTests : IAsyncLifetime
{
    private readonly SoundSiteWorkspace _site = new();

    public Task InitializeAsync() => _site.StartAsync();

    public async Task DisposeAsync() => await _site.DisposeAsync();

    private static async Task<List<string>> PackedKeysAsync(string folder)
    {
        var keys = new List<string>();
        foreach (var shard in Directory.EnumerateFiles(folder, "*.tar", SearchOption.AllDirectories))
            keys.AddRange((await WebDatasetReader.ListWithGnuTarAsync(shard)).Where(m => m.EndsWith(".json", StringComparison.Ordinal)).Select(m => m[..^5]));
        return keys;
    }

    [Fact]
    public async Task Download_packs_a_csv_into_shards_and_reports_failures_by_reason()
    {
        var rows = Enumerable.Range(1, 6).Select(i => (_site.Server.Url($"/audio/{i}.wav").AbsoluteUri, $"sound {i}"))
            .Append((_site.Server.Url("/status/404").AbsoluteUri, "missing"))
            .ToArray();
        var output = _site.Temp.File("out");

        var (code, stdout, stderr) = await CliRunner.RunAsync("download", _site.WriteCsv(rows, license: "CC0"), "-o", output, "--samples-per-shard", "4", "--transcode-workers", "2");

        Assert.True(code == ExitCodes.Success, stderr);
        var expected = new SoundCatalogue().Sounds.Take(6).Count(s => s.HasAudio);
        Assert.Equal(expected, (await PackedKeysAsync(output)).Count);
        Assert.Contains($"packed            {expected}", stdout, StringComparison.Ordinal);
        Assert.Contains("http_404 1", stdout, StringComparison.Ordinal);
        var status = await StatusTable.ReadAsync(Path.Combine(output, StatusTable.FileName));
        Assert.Equal(rows.Length, status.Count);
        Assert.True(File.Exists(Path.Combine(output, DownloadRunner.SummaryFileName)));
    }

    [Fact]
    public async Task Download_with_files_format_writes_a_flac_and_a_json_per_sample()
    {
        var rows = new[] { (_site.Server.Url("/audio/1.wav").AbsoluteUri, "sound one") };
        var output = _site.Temp.File("files");

        var (code, _, stderr) = await CliRunner.RunAsync("download", _site.WriteCsv(rows, license: "CC0"), "-o", output, "--format", "files", "--sample-rate", "16000");

        Assert.True(code == ExitCodes.Success, stderr);
        var key = SampleKey.Of(rows[0].Item1, rows[0].Item2);
        var probe = await WebDatasetReader.ProbeAsync(Path.Combine(output, key + ".flac"));
        Assert.Equal(("flac", 16000, 1), (probe.Codec, probe.SampleRate, probe.Channels));
        Assert.Contains("\"sound one\"", await File.ReadAllTextAsync(Path.Combine(output, key + ".json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Crawl_with_webdataset_packs_the_audio_of_every_pair_it_writes_to_the_csv()
    {
        var csv = _site.Temp.File("pairs.csv");
        var shards = _site.Temp.File("shards");

        var (code, stdout, stderr) = await CliRunner.RunAsync("crawl", "sounds", "-o", csv, "--webdataset", shards, "--split",
            "--set", "baseUrl=" + _site.Server.BaseUrl.AbsoluteUri, "--set", "maxItems=30", "--delay", "0", "--per-host", "4", "--samples-per-shard", "8");

        Assert.True(code == ExitCodes.Success, stderr + stdout);
        var pairs = CsvFile.ReadPairs(csv);
        Assert.NotEmpty(pairs);
        var keys = await PackedKeysAsync(shards);
        Assert.Equal(pairs.Select(p => SampleKey.Of(p.Url, p.Text)).Order(), keys.Order());
        Assert.True(File.Exists(Path.Combine(shards, "train", "sizes.json")));
        Assert.True(File.Exists(Path.Combine(shards, "test", "sizes.json")));
        var sample = (await WebDatasetReader.ReadWithPythonAsync(Directory.EnumerateFiles(Path.Combine(shards, "train"), "*.tar").First()))[0];
        Assert.Equal("sounds", sample.Json.GetProperty("original_data").GetProperty("spider").GetString());
        Assert.StartsWith(_site.Server.BaseUrl.AbsoluteUri, sample.Json.GetProperty("original_data").GetProperty("page").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_names_the_problem_when_the_input_or_output_is_unusable()
    {
        var csv = _site.WriteCsv([(_site.Server.Url("/audio/1.wav").AbsoluteUri, "one")], license: "CC0");
        var blocker = _site.Temp.File("a-file");
        await File.WriteAllTextAsync(blocker, "not a folder");

        var missing = await CliRunner.RunAsync("download", _site.Temp.File("nope.csv"), "-o", _site.Temp.File("out"));
        var notFolder = await CliRunner.RunAsync("download", csv, "-o", blocker);
        var badRate = await CliRunner.RunAsync("download", csv, "-o", _site.Temp.File("out2"), "--sample-rate", "5");

        Assert.Equal(ExitCodes.BadUsage, missing.ExitCode);
        Assert.Contains("nope.csv", missing.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadUsage, notFolder.ExitCode);
        Assert.Contains(blocker, notFolder.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadUsage, badRate.ExitCode);
        Assert.Contains("--sample-rate", badRate.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--download")]
    [InlineData("--webdataset", "a", "--audio-dir", "b")]
    public async Task Crawl_refuses_download_flags_that_do_not_say_where_the_audio_goes(params string[] flags)
    {
        var (code, _, stderr) = await CliRunner.RunAsync(["crawl", "sounds", "-o", _site.Temp.File("p.csv"), .. flags]);

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Contains("--", stderr, StringComparison.Ordinal);
    }

    private List<(string Url, string Text)> SlowRows(int count)
    {
        var tone = WavTone.Create(440, seconds: 0.5);
        var rows = new List<(string Url, string Text)>();
        for (var i = 0; i < count; i++)
        {
            var path = $"/slow/{i}.wav";
            _site.Server.Handle(path, async context =>
            {
                await Task.Delay(100, context.RequestAborted); // paces the run so the signal lands mid-way
                context.Response.ContentType = "audio/wav";
                await context.Response.Body.WriteAsync(tone, context.RequestAborted);
            });
            rows.Add((_site.Server.Url(path).AbsoluteUri, $"slow tone {i}"));
        }
        return rows;
    }

    private static async Task WaitForFirstShardAsync(string output)
    {
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        while (!Directory.Exists(output) || !Directory.EnumerateFiles(output, "*.tar").Any())
            await Task.Delay(50, wait.Token);
    }

    [Fact]
    public async Task Ctrl_c_stops_a_download_with_every_finished_sample_packed_and_a_rerun_completes_it()
    {
        // 80 rows: a graceful stop finishes the downloads queued for the transcoder (a batch's worth, 16), so the
        // run needs room beyond them for the stop to land mid-way.
        var rows = SlowRows(80);
        var csv = _site.WriteCsv(rows, license: "CC0");
        var output = _site.Temp.File("out");
        string[] args = ["download", csv, "-o", output, "--samples-per-shard", "4", "--download-concurrency", "2", "--per-host", "2", "--transcode-workers", "1"];

        using var first = AudioCrawlProcess.Start(_site.Temp.Path, args);
        await WaitForFirstShardAsync(output);
        await first.SignalAsync("INT");
        var stopped = await first.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(stopped.ExitCode == 0, stopped.Error);
        Assert.Contains("stopped", stopped.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(output, "*.tmp"));
        var packed = await PackedKeysAsync(output);
        Assert.InRange(packed.Count, 1, rows.Count - 1);
        Assert.Equal(packed.Count, WebDatasetReader.ReadSizes(output).Values.Sum());
        var status = await StatusTable.ReadAsync(Path.Combine(output, StatusTable.FileName));
        Assert.Equal(packed.Count, status.Count(s => s.Status == SampleStatuses.Success));

        var second = await AudioCrawlProcess.RunAsync(_site.Temp.Path, TimeSpan.FromMinutes(4), args);

        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Equal(rows.Select(r => SampleKey.Of(r.Url, r.Text)).Order(), (await PackedKeysAsync(output)).Order());
    }

    [Fact]
    public async Task A_download_killed_mid_run_resumes_and_packs_every_good_sample_exactly_once()
    {
        var rows = SlowRows(40);
        rows.Add((_site.Server.Url("/status/404").AbsoluteUri, "missing"));
        var csv = _site.WriteCsv(rows, license: "CC0");
        var output = _site.Temp.File("out");
        string[] args = ["download", csv, "-o", output, "--samples-per-shard", "4", "--download-concurrency", "2", "--per-host", "2", "--transcode-workers", "1"];

        using (var first = AudioCrawlProcess.Start(_site.Temp.Path, args))
        {
            await WaitForFirstShardAsync(output);
            await first.SignalAsync("KILL");
            await first.WaitAsync(TimeSpan.FromSeconds(30));
        }
        var packedBeforeKill = await PackedKeysAsync(output);
        Assert.NotEmpty(packedBeforeKill);
        Assert.True(packedBeforeKill.Count < 40, "the kill came after the end of the run");

        var second = await AudioCrawlProcess.RunAsync(_site.Temp.Path, TimeSpan.FromMinutes(4), args);

        Assert.True(second.ExitCode == 0, second.Error);
        var keys = await PackedKeysAsync(output);
        var good = rows.Take(40).Select(r => SampleKey.Of(r.Url, r.Text)).ToArray();
        Assert.Equal(good.Order(), keys.Order());
        Assert.Empty(Directory.EnumerateFiles(output, "*.tmp"));
        foreach (var row in rows.Take(40).Where(r => packedBeforeKill.Contains(SampleKey.Of(r.Url, r.Text))))
            Assert.Equal(1, _site.Server.Hits(new Uri(row.Url).AbsolutePath));
        var status = await StatusTable.ReadAsync(Path.Combine(output, StatusTable.FileName));
        Assert.Equal(40, status.Count(s => s.Status == SampleStatuses.Success));
        Assert.Equal("http_404", Assert.Single(status, s => s.Status == SampleStatuses.Failed).Reason);
        var sizes = WebDatasetReader.ReadSizes(output);
        Assert.Equal(40, sizes.Values.Sum());
    }
}
