using System.Text;
using AudioCrawl.Testing;
using Sinks.Download;
using Sinks.WebDataset;
using Xunit;

namespace Sinks.Tests.Download;

public sealed class DownloadRunnerTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private LoopbackServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackServer.StartAsync();
        var fixtures = Directory.CreateDirectory(_temp.File("fixtures")).FullName;
        _server.Bytes("/tone.mp3", await AudioFixtures.ToneAsync(fixtures, "mp3"), "audio/mpeg");
        _server.Bytes("/tone.ogg", await AudioFixtures.ToneAsync(fixtures, "ogg"), "audio/ogg");
        _server.Bytes("/tone.wav", await AudioFixtures.ToneAsync(fixtures, "wav"), "audio/wav");
        _server.Bytes("/generic.bin", AudioCrawl.SampleSite.WavTone.Create(660, seconds: 0.5), "application/octet-stream");
        _server.Bytes("/corrupt.mp3", AudioFixtures.CorruptMp3(), "audio/mpeg");
        _server.Bytes("/empty.wav", AudioFixtures.EmptyWav(), "audio/wav");
        _server.Bytes("/page-as-audio.mp3", Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body>Not found</body></html>"), "audio/mpeg");
        _server.Page("/html.mp3", "<html><body>a page</body></html>");
        var oversized = new byte[300_000];
        "RIFF"u8.CopyTo(oversized);
        "WAVE"u8.CopyTo(oversized.AsSpan(8));
        _server.Bytes("/huge.wav", oversized, "audio/wav");
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _temp.Dispose();
    }

    private (string Url, string Text)[] GoodRows =>
    [
        (_server.Url("/tone.mp3").AbsoluteUri, "a sine tone, as mp3"),
        (_server.Url("/tone.ogg").AbsoluteUri, "a sine tone, as \"ogg\""),
        (_server.Url("/tone.wav").AbsoluteUri, "a sine tone, as wav"),
        (_server.Url("/generic.bin").AbsoluteUri, "a wav served as octet-stream"),
    ];

    private (string Url, string Text, string Reason)[] BadRows =>
    [
        (_server.Url("/corrupt.mp3").AbsoluteUri, "corrupt", SampleFailureReasons.Undecodable),
        (_server.Url("/empty.wav").AbsoluteUri, "no samples", SampleFailureReasons.EmptyAudio),
        (_server.Url("/page-as-audio.mp3").AbsoluteUri, "html served as audio", SampleFailureReasons.NotAudio),
        (_server.Url("/html.mp3").AbsoluteUri, "text/html", SampleFailureReasons.NotAudio),
        (_server.Url("/huge.wav").AbsoluteUri, "oversized", "too_large"),
        (_server.Url("/status/404").AbsoluteUri, "missing", "http_404"),
        ("ftp://example.invalid/a.mp3", "not http", SampleFailureReasons.BadRow),
        (_server.Url("/tone.wav?text=empty").AbsoluteUri, " \t ", SampleFailureReasons.BadRow),
    ];

    [Fact]
    public async Task Good_rows_land_in_shards_and_bad_rows_in_the_status_table_with_their_reason()
    {
        var rows = GoodRows.Concat(BadRows.Select(b => (b.Url, b.Text))).ToArray();
        var csv = DownloadHarness.WriteCsv(_temp.File("pairs.csv"), rows, "license", rows.Select((_, i) => $"CC-BY-{i}"));
        var output = _temp.File("out");

        var summary = await DownloadHarness.RunAsync(csv, output, maxBytes: 200_000);

        Assert.Equal(GoodRows.Length, summary.Succeeded);
        Assert.Equal(BadRows.Length, summary.Failed);
        var status = await StatusTable.ReadAsync(Path.Combine(output, StatusTable.FileName));
        Assert.Equal(rows.Length, status.Count);
        foreach (var bad in BadRows)
        {
            var row = Assert.Single(status, s => s.Url == bad.Url);
            Assert.Equal(SampleStatuses.Failed, row.Status);
            Assert.Equal(bad.Reason, row.Reason);
            Assert.False(string.IsNullOrWhiteSpace(row.ErrorMessage));
        }
        foreach (var good in GoodRows)
        {
            var row = Assert.Single(status, s => s.Url == good.Url);
            Assert.Equal(SampleStatuses.Success, row.Status);
            Assert.True(row.Bytes > 0);
            Assert.InRange(row.Duration, 0.4, 1.1);
        }

        var packed = new List<PythonSample>();
        foreach (var shard in DownloadHarness.Shards(output))
            packed.AddRange(await WebDatasetReader.ReadWithPythonAsync(shard));
        Assert.Equal(GoodRows.Select(r => r.Text).Order(), packed.Select(p => p.Json.GetProperty("text")[0].GetString()!).Order());
        Assert.DoesNotContain(packed, p => BadRows.Any(b => b.Text == p.Json.GetProperty("text")[0].GetString()));
        var mp3 = Assert.Single(packed, p => p.Json.GetProperty("original_data").GetProperty("url").GetString() == GoodRows[0].Url);
        var original = mp3.Json.GetProperty("original_data");
        Assert.Equal("mp3", original.GetProperty("original_format").GetString());
        Assert.Equal(44100, original.GetProperty("original_sample_rate").GetInt32());
        Assert.Equal(2, original.GetProperty("original_channels").GetInt32());
        Assert.Equal(48000, original.GetProperty("sample_rate").GetInt32());
        Assert.Equal(1, original.GetProperty("channels").GetInt32());
        Assert.Equal("CC-BY-0", original.GetProperty("license").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Array, mp3.Json.GetProperty("tag").ValueKind);
    }

    [Fact]
    public async Task Shards_read_back_with_gnu_tar_python_and_ffprobe_as_48_kHz_mono_flac()
    {
        var rows = Enumerable.Range(0, 5).Select(i => (_server.Url($"/tone.{(i % 2 == 0 ? "mp3" : "ogg")}").AbsoluteUri, $"tone number {i}")).ToArray();
        var csv = DownloadHarness.WriteCsv(_temp.File("pairs.csv"), rows);
        var output = _temp.File("out");

        await DownloadHarness.RunAsync(csv, output, new WebDatasetOptions { SamplesPerShard = 2, ShardPrefix = "audio-" });

        var shards = DownloadHarness.Shards(output);
        Assert.Equal(["audio-00000.tar", "audio-00001.tar", "audio-00002.tar"], shards.Select(Path.GetFileName));
        Assert.Empty(Directory.EnumerateFiles(output, "*.tmp", SearchOption.AllDirectories));
        var sizes = WebDatasetReader.ReadSizes(output);
        var total = 0;
        foreach (var shard in shards)
        {
            var members = await WebDatasetReader.ListWithGnuTarAsync(shard);
            Assert.Equal(0, members.Count % 2);
            for (var i = 0; i < members.Count; i += 2)
            {
                var key = Path.GetFileNameWithoutExtension(members[i]);
                Assert.Equal($"{key}.flac", members[i]);
                Assert.Equal($"{key}.json", members[i + 1]);
                Assert.True(SampleKey.IsValid(key));
            }
            Assert.Equal(members.Count / 2, sizes[Path.GetFileName(shard)]);
            total += members.Count / 2;
            Assert.True(File.Exists(Path.Combine(output, Path.GetFileNameWithoutExtension(shard) + "_stats.json")));

            var extracted = Directory.CreateDirectory(_temp.File("x-" + Path.GetFileName(shard))).FullName;
            await WebDatasetReader.ExtractAsync(shard, extracted);
            foreach (var flac in Directory.EnumerateFiles(extracted, "*.flac"))
            {
                var probe = await WebDatasetReader.ProbeAsync(flac);
                Assert.Equal(("flac", 48000, 1), (probe.Codec, probe.SampleRate, probe.Channels));
                Assert.InRange(probe.Duration, 0.9, 1.1);
            }
        }
        Assert.Equal(5, total);
        Assert.Equal(5, sizes.Values.Sum());
    }

    [Fact]
    public async Task Split_puts_every_sample_in_train_or_test_by_the_hash_of_its_key()
    {
        var rows = Enumerable.Range(0, 24).Select(i => (_server.Url("/generic.bin").AbsoluteUri, $"caption {i}")).ToArray();
        var csv = DownloadHarness.WriteCsv(_temp.File("pairs.csv"), rows);
        var output = _temp.File("out");

        await DownloadHarness.RunAsync(csv, output, new WebDatasetOptions { SamplesPerShard = 4, Split = true, TrainPercent = 70 });

        var expected = rows.Select(r => SampleKey.Of(r.Item1, r.Item2)).ToLookup(k => SampleKey.Percentile(k) < 70 ? "train" : "test");
        Assert.NotEmpty(expected["train"]);
        Assert.NotEmpty(expected["test"]);
        foreach (var split in new[] { "train", "test" })
        {
            var folder = Path.Combine(output, split);
            var keys = new List<string>();
            foreach (var shard in DownloadHarness.Shards(folder))
                keys.AddRange((await WebDatasetReader.ListWithGnuTarAsync(shard)).Where(m => m.EndsWith(".json", StringComparison.Ordinal)).Select(Path.GetFileNameWithoutExtension)!);
            Assert.Equal(expected[split].Order(), keys.Order());
            Assert.Equal(keys.Count, WebDatasetReader.ReadSizes(folder).Values.Sum());
        }
    }

    [Fact]
    public async Task A_rerun_downloads_nothing_packed_or_failed_and_retry_failed_retries_only_the_failures()
    {
        var rows = GoodRows.Append((_server.Url("/later.wav").AbsoluteUri, "not there yet")).ToArray();
        var csv = DownloadHarness.WriteCsv(_temp.File("pairs.csv"), rows);
        var output = _temp.File("out");
        var first = await DownloadHarness.RunAsync(csv, output);
        Assert.Equal((4, 1), (first.Succeeded, first.Failed));
        var hitsAfterFirst = _server.AllHits;

        var second = await DownloadHarness.RunAsync(csv, output);

        Assert.Equal((0, 0, 5), (second.Succeeded, second.Failed, second.SkippedDoneBefore));
        Assert.Equal(hitsAfterFirst, _server.AllHits);

        _server.Bytes("/later.wav", AudioCrawl.SampleSite.WavTone.Create(500), "audio/wav");
        var third = await DownloadHarness.RunAsync(csv, output, options: new DownloadOptions { RetryFailed = true, TranscodeWorkers = 2 });

        Assert.Equal((1, 0), (third.Succeeded, third.Failed));
        Assert.Equal(2, _server.Hits("/later.wav"));
        Assert.All(GoodRows, r => Assert.Equal(1, _server.Hits(new Uri(r.Url).AbsolutePath)));
        var status = await StatusTable.ReadAsync(Path.Combine(output, StatusTable.FileName));
        Assert.All(status, s => Assert.Equal(SampleStatuses.Success, s.Status));
        var keys = new List<string>();
        foreach (var shard in DownloadHarness.Shards(output))
            keys.AddRange((await WebDatasetReader.ReadWithPythonAsync(shard)).Select(s => s.Key));
        Assert.Equal(5, keys.Count);
        Assert.Equal(5, keys.Distinct().Count());
    }

    [Fact]
    public async Task An_unfinished_shard_left_by_a_killed_run_is_discarded_and_its_samples_redone()
    {
        var rows = GoodRows;
        var csv = DownloadHarness.WriteCsv(_temp.File("pairs.csv"), rows);
        var output = Directory.CreateDirectory(_temp.File("out")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(output, "00000.tar.tmp"), new byte[1000]);

        var summary = await DownloadHarness.RunAsync(csv, output);

        Assert.Equal(4, summary.Succeeded);
        Assert.False(File.Exists(Path.Combine(output, "00000.tar.tmp")));
        Assert.Equal(["00000.tar", "00001.tar"], DownloadHarness.Shards(output).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_segment_keeps_only_the_part_between_start_and_end()
    {
        var fixtures = _temp.File("fixtures");
        _server.Bytes("/long.ogg", await AudioFixtures.ToneAsync(fixtures, "ogg", seconds: 3), "audio/ogg");
        var rows = new[] { (_server.Url("/long.ogg").AbsoluteUri, "a cut"), (_server.Url("/tone.wav").AbsoluteUri, "bad segment") };
        var csv = DownloadHarness.WriteCsv(_temp.File("pairs.csv"), rows, "start,end", ["1,2.5", "2,1"]);
        var output = _temp.File("out");

        var summary = await DownloadHarness.RunAsync(csv, output);

        Assert.Equal((1, 1), (summary.Succeeded, summary.Failed));
        var sample = Assert.Single(await WebDatasetReader.ReadWithPythonAsync(Assert.Single(DownloadHarness.Shards(output))));
        Assert.InRange(sample.Json.GetProperty("original_data").GetProperty("duration").GetDouble(), 1.45, 1.55);
        var status = await StatusTable.ReadAsync(Path.Combine(output, StatusTable.FileName));
        Assert.Equal(SampleFailureReasons.BadRow, Assert.Single(status, s => s.Status == SampleStatuses.Failed).Reason);
    }

    [Fact]
    public async Task A_file_robots_txt_disallows_is_not_fetched_and_recorded_as_robots()
    {
        _server.Robots("User-agent: *\nDisallow: /private/\n");
        _server.Bytes("/private/tone.wav", AudioCrawl.SampleSite.WavTone.Create(440), "audio/wav");
        var csv = DownloadHarness.WriteCsv(_temp.File("pairs.csv"), [(_server.Url("/private/tone.wav").AbsoluteUri, "hidden"), GoodRows[2]]);
        var output = _temp.File("out");

        var summary = await DownloadHarness.RunAsync(csv, output);

        Assert.Equal((1, 1), (summary.Succeeded, summary.Failed));
        Assert.Equal(0, _server.Hits("/private/tone.wav"));
        var status = await StatusTable.ReadAsync(Path.Combine(output, StatusTable.FileName));
        Assert.Equal("robots", Assert.Single(status, s => s.Status == SampleStatuses.Failed).Reason);
    }

    [Fact]
    public async Task Duplicate_rows_are_packed_once_and_marked_duplicate()
    {
        var row = GoodRows[0];
        var csv = DownloadHarness.WriteCsv(_temp.File("pairs.csv"), [row, row]);
        var output = _temp.File("out");

        var summary = await DownloadHarness.RunAsync(csv, output);

        Assert.Equal((1, 1), (summary.Succeeded, summary.Duplicates));
        Assert.Equal(1, _server.Hits("/tone.mp3"));
        var status = await StatusTable.ReadAsync(Path.Combine(output, StatusTable.FileName));
        Assert.Equal([SampleStatuses.Success, SampleStatuses.Duplicate], status.Select(s => s.Status));
    }
}
