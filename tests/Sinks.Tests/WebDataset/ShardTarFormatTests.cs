using System.Formats.Tar;
using System.Text.Json.Nodes;
using AudioCrawl.Testing;
using Microsoft.Extensions.Time.Testing;
using Sinks.Download;
using Sinks.WebDataset;
using Xunit;

namespace Sinks.Tests.WebDataset;

/// <summary>The members ShardWriter writes, as GNU tar, Python's tarfile and .NET's TarReader read them.</summary>
public sealed class ShardTarFormatTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static EncodedSample Sample(string key, byte[] audio) =>
        new(key, "mp3", audio, new JsonObject { ["text"] = new JsonArray("caption of " + key) }, new SampleStatus { Key = key, Status = SampleStatuses.Success });

    private async Task<string> WriteShardAsync(params EncodedSample[] samples)
    {
        var writer = new ShardWriter(_temp.Path, new WebDatasetOptions(), new FakeTimeProvider(new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero)));
        await writer.OpenAsync(_ => ValueTask.CompletedTask);
        foreach (var sample in samples)
            await writer.WriteAsync(sample);
        await writer.CompleteAsync();
        return _temp.File("00000.tar");
    }

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public async Task Members_of_every_size_read_back_byte_for_byte_with_gnu_tar()
    {
        var sizes = new[] { 0, 1, 511, 512, 513, 2016, 1 << 20, (1 << 20) + 3000, 3 << 20 };
        var samples = sizes.Select((size, i) => Sample($"k{i:D2}", Bytes(size, i))).ToArray();

        var shard = await WriteShardAsync(samples);

        Assert.Equal(samples.SelectMany(s => new[] { s.Key + ".mp3", s.Key + ".json" }), await WebDatasetReader.ListWithGnuTarAsync(shard));
        var extracted = Directory.CreateDirectory(_temp.File("x")).FullName;
        await WebDatasetReader.ExtractAsync(shard, extracted);
        foreach (var sample in samples)
            Assert.Equal(sample.Audio, File.ReadAllBytes(Path.Combine(extracted, sample.Key + ".mp3")));
        Assert.Equal(0, new FileInfo(shard).Length % 512);
    }

    [Fact]
    public async Task Members_streamed_from_files_read_back_byte_for_byte_next_to_members_from_memory_and_the_files_are_removed()
    {
        var sizes = new[] { 0, 700, (1 << 19) + 1, (1 << 20) + 3000, 5 << 20 };
        var contents = sizes.Select((size, i) => Bytes(size, 100 + i)).ToArray();
        var samples = new List<EncodedSample>();
        for (var i = 0; i < sizes.Length; i++)
        {
            var file = _temp.File($"f{i}.flac.part");
            await File.WriteAllBytesAsync(file, contents[i]);
            samples.Add(Sample($"f{i}", []) with { AudioFile = file });
            samples.Add(Sample($"m{i}", contents[i]));
        }

        var shard = await WriteShardAsync([.. samples]);

        var extracted = Directory.CreateDirectory(_temp.File("x")).FullName;
        await WebDatasetReader.ExtractAsync(shard, extracted);
        for (var i = 0; i < sizes.Length; i++)
        {
            Assert.Equal(contents[i], File.ReadAllBytes(Path.Combine(extracted, $"f{i}.mp3")));
            Assert.Equal(contents[i], File.ReadAllBytes(Path.Combine(extracted, $"m{i}.mp3")));
            Assert.False(File.Exists(_temp.File($"f{i}.flac.part")));
        }
        Assert.Equal(samples.Count, (await WebDatasetReader.ReadWithPythonAsync(shard)).Count);
    }

    [Fact]
    public async Task Headers_carry_mode_time_and_the_ustar_magic()
    {
        var shard = await WriteShardAsync(Sample("abc", [1, 2, 3]));

        await using var reader = new TarReader(File.OpenRead(shard));
        var entry = (await reader.GetNextEntryAsync())!;
        Assert.Equal(TarEntryFormat.Ustar, entry.Format);
        Assert.Equal(TarEntryType.RegularFile, entry.EntryType);
        Assert.Equal(("abc.mp3", 3L), (entry.Name, entry.Length));
        Assert.Equal(new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero), entry.ModificationTime);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, entry.Mode);
    }

    [Fact]
    public async Task A_key_too_long_or_not_ascii_for_ustar_keeps_its_full_name_through_a_pax_record()
    {
        var longKey = new string('k', 150);
        const string unicodeKey = "clé-été-音";

        var shard = await WriteShardAsync(Sample(longKey, [1]), Sample(unicodeKey, [2, 2]));

        Assert.Equal([longKey + ".mp3", longKey + ".json", unicodeKey + ".mp3", unicodeKey + ".json"], await WebDatasetReader.ListWithGnuTarAsync(shard));
        var samples = await WebDatasetReader.ReadWithPythonAsync(shard);
        Assert.Equal([(longKey, 1L), (unicodeKey, 2L)], samples.Select(s => (s.Key, s.AudioBytes)));
    }
}
