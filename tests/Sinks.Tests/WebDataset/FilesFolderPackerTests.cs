using System.Text.Json;
using AudioCrawl.Testing;
using Crawler.Abstractions;
using Sinks.Download;
using Sinks.WebDataset;
using Xunit;

namespace Sinks.Tests.WebDataset;

public sealed class FilesFolderPackerTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Input => _temp.File("files");

    private string Output => _temp.File("shards");

    /// <summary>A folder as 'download --format files --no-transcode' leaves it, with its run files.</summary>
    private Dictionary<string, byte[]> WriteSamples(int count, string extension = "mp3")
    {
        Directory.CreateDirectory(Input);
        var random = new Random(count);
        var audio = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var key = SampleKey.Of($"https://x.test/{i}.{extension}", $"caption {i}");
            var bytes = new byte[100 + random.Next(3000)];
            random.NextBytes(bytes);
            "ID3"u8.CopyTo(bytes);
            audio[key] = bytes;
            File.WriteAllBytes(Path.Combine(Input, $"{key}.{extension}"), bytes);
            File.WriteAllText(Path.Combine(Input, key + ".json"), JsonSerializer.Serialize(new { text = new[] { $"caption {i}" }, tag = Array.Empty<string>(), original_data = new { url = $"https://x.test/{i}.{extension}", duration = 1.5 } }));
        }
        File.WriteAllText(Path.Combine(Input, DownloadRunner.SummaryFileName), "{}");
        File.WriteAllText(Path.Combine(Input, StatusJournal.FileName), "");
        return audio;
    }

    private Task<PackSummary> PackAsync(WebDatasetOptions? options = null, bool overwrite = false)
    {
        var writer = new WebDatasetWriter(Output, options ?? new WebDatasetOptions(), TimeProvider.System);
        if (overwrite)
            writer.RemoveShards();
        return new FilesFolderPacker(Input, writer, TimeProvider.System).PackAsync();
    }

    private async Task<List<PythonSample>> ReadAllAsync()
    {
        var samples = new List<PythonSample>();
        foreach (var shard in Directory.EnumerateFiles(Output, "*.tar").Order(StringComparer.Ordinal))
            samples.AddRange(await WebDatasetReader.ReadWithPythonAsync(shard));
        return samples;
    }

    [Fact]
    public async Task Packs_every_pair_in_key_order_into_shards_of_512_with_sizes_json()
    {
        var audio = WriteSamples(1100);

        var summary = await PackAsync();

        Assert.Equal((1100, 0), (summary.Packed, summary.AlreadyPacked));
        Assert.Equal(new Dictionary<string, int> { ["00000.tar"] = 512, ["00001.tar"] = 512, ["00002.tar"] = 76 }, WebDatasetReader.ReadSizes(Output));
        var samples = await ReadAllAsync();
        Assert.Equal(audio.Keys.Order(StringComparer.Ordinal), samples.Select(s => s.Key));
        foreach (var sample in samples)
        {
            Assert.Equal(("mp3", audio[sample.Key].Length), (sample.AudioExtension, sample.AudioBytes));
            Assert.Equal(1.5, sample.Json.GetProperty("original_data").GetProperty("duration").GetDouble());
        }
        var extracted = Directory.CreateDirectory(_temp.File("x")).FullName;
        await WebDatasetReader.ExtractAsync(Path.Combine(Output, "00002.tar"), extracted);
        Assert.Equal(76 * 2, Directory.EnumerateFiles(extracted).Count());
        foreach (var file in Directory.EnumerateFiles(extracted))
            Assert.Equal(File.ReadAllBytes(Path.Combine(Input, Path.GetFileName(file))), File.ReadAllBytes(file));
        var stats = JsonDocument.Parse(File.ReadAllText(Path.Combine(Output, "00001_stats.json"))).RootElement;
        Assert.Equal(512, stats.GetProperty("count").GetInt32());
        Assert.Equal(768, stats.GetProperty("duration_seconds").GetDouble());
    }

    [Fact]
    public async Task A_second_pack_into_the_same_output_adds_nothing_and_overwrite_packs_again()
    {
        WriteSamples(20);
        await PackAsync(new WebDatasetOptions { SamplesPerShard = 8 });

        var again = await PackAsync(new WebDatasetOptions { SamplesPerShard = 8 });
        Assert.Equal((0, 20), (again.Packed, again.AlreadyPacked));
        Assert.Equal(20, (await ReadAllAsync()).Count);

        var overwritten = await PackAsync(new WebDatasetOptions { SamplesPerShard = 8 }, overwrite: true);
        Assert.Equal((20, 0), (overwritten.Packed, overwritten.AlreadyPacked));
        Assert.Equal(["00000.tar", "00001.tar", "00002.tar"], Directory.EnumerateFiles(Output, "*.tar").Select(Path.GetFileName).Order());
        Assert.Equal(20, (await ReadAllAsync()).Select(s => s.Key).Distinct().Count());
    }

    [Fact]
    public async Task An_unreadable_file_stops_the_pack_naming_it_keeping_finished_shards_and_a_rerun_finishes()
    {
        var audio = WriteSamples(30);
        var last = audio.Keys.Max(StringComparer.Ordinal)!;
        var lastAudio = Path.Combine(Input, last + ".mp3");
        File.Delete(lastAudio);
        File.CreateSymbolicLink(lastAudio, _temp.File("nowhere.mp3"));

        var error = await Assert.ThrowsAsync<CrawlerException>(() => PackAsync(new WebDatasetOptions { SamplesPerShard = 8 }));

        Assert.Contains(lastAudio, error.Message);
        Assert.Contains("cannot read", error.Message);
        Assert.Equal(29, WebDatasetReader.ReadSizes(Output).Values.Sum());
        Assert.Empty(Directory.EnumerateFiles(Output, "*.tmp"));

        File.Delete(lastAudio);
        File.WriteAllBytes(lastAudio, audio[last]);
        var rerun = await PackAsync(new WebDatasetOptions { SamplesPerShard = 8 });

        Assert.Equal((1, 29), (rerun.Packed, rerun.AlreadyPacked));
        Assert.Equal(audio.Keys.Order(StringComparer.Ordinal), (await ReadAllAsync()).Select(s => s.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_json_without_audio_is_named_and_nothing_is_packed()
    {
        var audio = WriteSamples(5);
        var orphan = audio.Keys.First();
        File.Delete(Path.Combine(Input, orphan + ".mp3"));

        var error = await Assert.ThrowsAsync<CrawlerException>(() => PackAsync());

        Assert.Contains($"{orphan}.json has no audio file", error.Message);
        Assert.False(Directory.Exists(Output) && Directory.EnumerateFiles(Output, "*.tar").Any());
    }

    [Fact]
    public async Task Audio_without_json_and_two_audio_files_for_one_key_are_named()
    {
        var audio = WriteSamples(5);
        var (first, second) = (audio.Keys.First(), audio.Keys.Last());
        File.Delete(Path.Combine(Input, first + ".json"));
        File.WriteAllBytes(Path.Combine(Input, second + ".flac"), [1, 2, 3]);

        var error = await Assert.ThrowsAsync<CrawlerException>(() => PackAsync());

        Assert.Contains($"{first}.mp3 has no {first}.json", error.Message);
        Assert.Contains($"{second} has 2 audio files", error.Message);
    }

    [Fact]
    public async Task Bad_samples_are_skipped_and_named_with_their_number_and_reason_and_the_rest_is_packed()
    {
        var audio = WriteSamples(6);
        var keys = audio.Keys.Order(StringComparer.Ordinal).ToArray();
        File.WriteAllText(Path.Combine(Input, keys[0] + ".json"), "{\"text\": [\"cut off");
        File.WriteAllText(Path.Combine(Input, keys[2] + ".json"), JsonSerializer.Serialize(new { text = new[] { " \t " }, original_data = new { url = "https://x.test/2.mp3" } }));
        File.WriteAllText(Path.Combine(Input, keys[3] + ".json"), JsonSerializer.Serialize(new { text = new[] { "three" }, original_data = new { url = "files/3.mp3" } }));
        File.WriteAllBytes(Path.Combine(Input, keys[4] + ".mp3"), []);

        var summary = await PackAsync();

        Assert.Equal(2, summary.Packed);
        Assert.Equal(4, summary.BadSamples.Count);
        Assert.StartsWith($"sample 1 ({Path.Combine(Input, keys[0] + ".json")}): not a JSON object", summary.BadSamples[0]);
        Assert.StartsWith($"sample 3 ({Path.Combine(Input, keys[2] + ".json")}): the text is empty", summary.BadSamples[1]);
        Assert.StartsWith($"sample 4 ({Path.Combine(Input, keys[3] + ".json")}): the url is not an absolute http(s) URL", summary.BadSamples[2]);
        Assert.StartsWith($"sample 5 ({Path.Combine(Input, keys[4] + ".mp3")}): the audio file is empty", summary.BadSamples[3]);
        Assert.Equal([keys[1], keys[5]], (await ReadAllAsync()).Select(s => s.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_missing_or_empty_folder_is_an_error_naming_it()
    {
        var missing = await Assert.ThrowsAsync<CrawlerException>(() => PackAsync());
        Assert.Contains($"{Input}: no such folder", missing.Message);

        Directory.CreateDirectory(Input);
        var empty = await Assert.ThrowsAsync<CrawlerException>(() => PackAsync());
        Assert.Contains("no samples", empty.Message);
    }
}
