using System.Text;
using System.Text.Json;
using AudioCrawl.Testing;
using Sinks.Download;
using Sinks.WebDataset;
using Xunit;

namespace Sinks.Tests.Download;

public sealed class NoTranscodeDownloadTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private readonly Dictionary<string, byte[]> _served = [];
    private LoopbackServer _server = null!;

    // No ffmpeg where this points: storing as downloaded must not start it.
    private static DownloadOptions Stored => new() { Concurrency = 4, NoTranscode = true, Transcode = new TranscodeOptions { FfmpegFolder = "/nonexistent/ffmpeg" } };

    public async Task InitializeAsync()
    {
        _server = await LoopbackServer.StartAsync();
        var fixtures = Directory.CreateDirectory(_temp.File("fixtures")).FullName;
        Serve("/tone.mp3", await AudioFixtures.ToneAsync(fixtures, "mp3"), "audio/mpeg");
        Serve("/tone.ogg", await AudioFixtures.ToneAsync(fixtures, "ogg"), "audio/ogg");
        Serve("/download?id=7", await AudioFixtures.ToneAsync(fixtures, "flac"), "audio/flac");
        Serve("/generic.bin", AudioCrawl.SampleSite.WavTone.Create(660, seconds: 0.5), "application/octet-stream");
        Serve("/page-as-audio.mp3", Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body>Not found</body></html>"), "audio/mpeg");
        _server.Page("/html.mp3", "<html><body>a page</body></html>");
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _temp.Dispose();
    }

    private void Serve(string path, byte[] body, string contentType)
    {
        _served[path] = body;
        _server.Bytes(path, body, contentType);
    }

    private (string Url, string Text, string Extension)[] GoodRows =>
    [
        (_server.Url("/tone.mp3").AbsoluteUri, "a tone as mp3", "mp3"),
        (_server.Url("/tone.ogg").AbsoluteUri, "a tone as ogg", "ogg"),
        (_server.Url("/download?id=7").AbsoluteUri, "a flac without extension in its URL", "flac"),
        (_server.Url("/generic.bin").AbsoluteUri, "a wav served as octet-stream", "wav"),
    ];

    private string Csv(IEnumerable<(string Url, string Text)> rows) => DownloadHarness.WriteCsv(_temp.File("pairs.csv"), rows, "license", rows.Select((_, i) => $"CC-BY-{i}"));

    [Fact]
    public async Task Files_hold_the_bytes_the_server_served_and_a_json_of_the_row_without_ffmpeg()
    {
        var csv = Csv(GoodRows.Select(r => (r.Url, r.Text)));
        var output = _temp.File("files");

        var summary = await DownloadHarness.RunAsync(csv, output, options: Stored, writer: new FilesSampleWriter(output, extension: null));

        Assert.Equal((4, 0), (summary.Succeeded, summary.Failed));
        foreach (var (url, text, extension) in GoodRows)
        {
            var key = SampleKey.Of(url, text);
            var served = _served[new Uri(url).PathAndQuery];
            Assert.Equal(served, await File.ReadAllBytesAsync(Path.Combine(output, $"{key}.{extension}")));
            using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(output, key + ".json")));
            Assert.Equal(text, json.RootElement.GetProperty("text")[0].GetString());
            var original = json.RootElement.GetProperty("original_data");
            Assert.Equal(url, original.GetProperty("url").GetString());
            Assert.Equal(served.Length, original.GetProperty("original_bytes").GetInt64());
            Assert.False(original.GetProperty("transcoded").GetBoolean());
            Assert.StartsWith("CC-BY-", original.GetProperty("license").GetString());
            Assert.False(original.TryGetProperty("duration", out _));
        }
        var expected = GoodRows.SelectMany(r => new[] { $"{SampleKey.Of(r.Url, r.Text)}.{r.Extension}", $"{SampleKey.Of(r.Url, r.Text)}.json" });
        var runFiles = new[] { DownloadRunner.SummaryFileName, StatusTable.FileName, StatusJournal.FileName };
        Assert.Equal(expected.Order(), Directory.EnumerateFiles(output).Select(Path.GetFileName).Except(runFiles).Order());
    }

    [Fact]
    public async Task Bytes_that_are_not_audio_fail_as_not_audio_and_nothing_of_them_is_stored()
    {
        var bad = new[] { (_server.Url("/page-as-audio.mp3").AbsoluteUri, "html served as audio/mpeg"), (_server.Url("/html.mp3").AbsoluteUri, "text/html") };
        var csv = Csv(bad.Append((GoodRows[0].Url, GoodRows[0].Text)));
        var output = _temp.File("files");

        var summary = await DownloadHarness.RunAsync(csv, output, options: Stored, writer: new FilesSampleWriter(output, extension: null));

        Assert.Equal((1, 2), (summary.Succeeded, summary.Failed));
        var status = await StatusTable.ReadAsync(Path.Combine(output, StatusTable.FileName));
        foreach (var (url, text) in bad)
        {
            var row = Assert.Single(status, s => s.Url == url);
            Assert.Equal((SampleStatuses.Failed, SampleFailureReasons.NotAudio), (row.Status, row.Reason));
            Assert.Contains(url, row.ErrorMessage);
            Assert.Empty(Directory.EnumerateFiles(output, SampleKey.Of(url, text) + ".*"));
        }
    }

    [Fact]
    public async Task A_rerun_fetches_nothing_already_stored()
    {
        var csv = Csv(GoodRows.Select(r => (r.Url, r.Text)));
        var output = _temp.File("files");
        await DownloadHarness.RunAsync(csv, output, options: Stored, writer: new FilesSampleWriter(output, extension: null));
        var hits = _server.AllHits;

        var second = await DownloadHarness.RunAsync(csv, output, options: Stored, writer: new FilesSampleWriter(output, extension: null));

        Assert.Equal((0, 0, 4), (second.Succeeded, second.Failed, second.SkippedDoneBefore));
        Assert.Equal(hits, _server.AllHits);
    }

    [Fact]
    public async Task Shards_hold_the_served_bytes_under_their_container_suffix()
    {
        var csv = Csv(GoodRows.Select(r => (r.Url, r.Text)));
        var output = _temp.File("shards");

        await DownloadHarness.RunAsync(csv, output, new WebDatasetOptions { SamplesPerShard = 3 }, Stored);

        var samples = new List<PythonSample>();
        foreach (var shard in DownloadHarness.Shards(output))
            samples.AddRange(await WebDatasetReader.ReadWithPythonAsync(shard));
        Assert.Equal(new Dictionary<string, int> { ["00000.tar"] = 3, ["00001.tar"] = 1 }, WebDatasetReader.ReadSizes(output));
        foreach (var (url, text, extension) in GoodRows)
        {
            var sample = Assert.Single(samples, s => s.Key == SampleKey.Of(url, text));
            Assert.Equal(extension, sample.AudioExtension);
            Assert.Equal(_served[new Uri(url).PathAndQuery].Length, sample.AudioBytes);
            Assert.Equal(text, sample.Json.GetProperty("text")[0].GetString());
        }
        var extracted = Directory.CreateDirectory(_temp.File("x")).FullName;
        await WebDatasetReader.ExtractAsync(DownloadHarness.Shards(output)[0], extracted);
        foreach (var file in Directory.EnumerateFiles(extracted).Where(f => !f.EndsWith(".json", StringComparison.Ordinal)))
        {
            var row = GoodRows.Single(r => SampleKey.Of(r.Url, r.Text) == Path.GetFileNameWithoutExtension(file));
            Assert.Equal(_served[new Uri(row.Url).PathAndQuery], await File.ReadAllBytesAsync(file));
        }
    }
}
