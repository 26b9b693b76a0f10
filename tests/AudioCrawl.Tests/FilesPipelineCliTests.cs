using AudioCrawl;
using AudioCrawl.SampleSite;
using AudioCrawl.Testing;
using Sinks.Download;
using Xunit;
using CliRunner = AudioCrawl.Tests.Cli;

namespace AudioCrawl.Tests;

/// <summary>The files-only pipeline through the CLI: 'download --no-transcode' then 'pack'.</summary>
public sealed class FilesPipelineCliTests : IAsyncLifetime
{
    private readonly SoundSiteWorkspace _site = new();

    public Task InitializeAsync() => _site.StartAsync();

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task Download_without_transcoding_then_pack_gives_shards_of_the_served_bytes()
    {
        var rows = Enumerable.Range(1, 5).Select(i => (_site.Server.Url($"/audio/{i}.wav").AbsoluteUri, $"sound {i}")).ToArray();
        var files = _site.Temp.File("files");
        var shards = _site.Temp.File("shards");

        var download = await CliRunner.RunAsync("download", _site.WriteCsv(rows), "-o", files, "--format", "files", "--no-transcode", "--download-concurrency", "32", "--per-host", "32");
        var pack = await CliRunner.RunAsync("pack", files, "-o", shards, "--samples-per-shard", "2");

        Assert.True(download.ExitCode == ExitCodes.Success, download.Error);
        Assert.True(pack.ExitCode == ExitCodes.Success, pack.Error);
        Assert.Contains("packed            5 samples", pack.Output, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, int> { ["00000.tar"] = 2, ["00001.tar"] = 2, ["00002.tar"] = 1 }, WebDatasetReader.ReadSizes(shards));
        var shardOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var shard in Directory.EnumerateFiles(shards, "*.tar"))
        {
            foreach (var member in await WebDatasetReader.ListWithGnuTarAsync(shard))
                shardOf[member] = shard;
        }
        using var http = new HttpClient();
        foreach (var (url, text) in rows)
        {
            var key = SampleKey.Of(url, text);
            var served = await http.GetByteArrayAsync(url);
            Assert.Equal(served, await File.ReadAllBytesAsync(Path.Combine(files, key + ".wav")));
            var sample = Assert.Single(await WebDatasetReader.ReadWithPythonAsync(shardOf[key + ".wav"]), s => s.Key == key);
            Assert.Equal(served.Length, sample.AudioBytes);
            Assert.Equal(text, sample.Json.GetProperty("text")[0].GetString());
        }
    }

    [Fact]
    public async Task Crawl_with_no_transcode_stores_every_pair_as_served_in_the_audio_dir()
    {
        var csv = _site.Temp.File("pairs.csv");
        var audio = _site.Temp.File("audio");

        var (code, stdout, stderr) = await CliRunner.RunAsync("crawl", "sounds", "-o", csv, "--audio-dir", audio, "--no-transcode",
            "--set", "baseUrl=" + _site.Server.BaseUrl.AbsoluteUri, "--set", "maxItems=10", "--delay", "0", "--per-host", "4");

        Assert.True(code == ExitCodes.Success, stderr + stdout);
        var pairs = CsvFile.ReadPairs(csv);
        Assert.NotEmpty(pairs);
        using var http = new HttpClient();
        foreach (var pair in pairs)
        {
            var key = SampleKey.Of(pair.Url, pair.Text);
            var stored = Assert.Single(Directory.EnumerateFiles(audio, key + ".*"), f => !f.EndsWith(".json", StringComparison.Ordinal));
            Assert.Equal(await http.GetByteArrayAsync(pair.Url), await File.ReadAllBytesAsync(stored));
            Assert.True(File.Exists(Path.Combine(audio, key + ".json")));
        }
    }

    [Fact]
    public async Task No_transcode_refuses_the_flags_that_set_a_conversion()
    {
        var csv = _site.WriteCsv([(_site.Server.Url("/audio/1.wav").AbsoluteUri, "one")]);

        var (code, _, stderr) = await CliRunner.RunAsync("download", csv, "-o", _site.Temp.File("out"), "--no-transcode", "--sample-rate", "16000");

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Contains("--sample-rate", stderr, StringComparison.Ordinal);
        Assert.Contains("--no-transcode", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pack_names_a_missing_folder_and_refuses_to_pack_a_folder_into_itself()
    {
        var missing = _site.Temp.File("nope");
        var files = Directory.CreateDirectory(_site.Temp.File("files")).FullName;

        var absent = await CliRunner.RunAsync("pack", missing, "-o", _site.Temp.File("shards"));
        var itself = await CliRunner.RunAsync("pack", files, "-o", files);

        Assert.Equal(ExitCodes.BadUsage, absent.ExitCode);
        Assert.Contains($"{missing}: no such folder", absent.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadUsage, itself.ExitCode);
        Assert.Contains("folder of their own", itself.Error, StringComparison.Ordinal);
    }
}
