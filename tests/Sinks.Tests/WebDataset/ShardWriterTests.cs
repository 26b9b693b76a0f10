using System.Formats.Tar;
using System.Text.Json;
using System.Text.Json.Nodes;
using AudioCrawl.Testing;
using Sinks.Download;
using Sinks.WebDataset;
using Xunit;

namespace Sinks.Tests.WebDataset;

public sealed class ShardWriterTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly List<SampleStatus> _committed = [];

    public void Dispose() => _temp.Dispose();

    private static EncodedSample Sample(string key) =>
        new(key, "flac", [1, 2, 3], new JsonObject { ["text"] = new JsonArray("t " + key) }, new SampleStatus { Key = key, Status = SampleStatuses.Success });

    private ValueTask Committed(IReadOnlyList<SampleStatus> statuses)
    {
        _committed.AddRange(statuses);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_shard_being_filled_exists_only_under_its_temporary_name()
    {
        var writer = new ShardWriter(_temp.Path, new WebDatasetOptions { SamplesPerShard = 3 }, TimeProvider.System);
        await writer.OpenAsync(Committed);

        await writer.WriteAsync(Sample("a1"));
        await writer.WriteAsync(Sample("b2"));

        Assert.Empty(Directory.EnumerateFiles(_temp.Path, "*.tar"));
        Assert.True(File.Exists(_temp.File("00000.tar.tmp")));
        Assert.Empty(_committed);
        await writer.WriteAsync(Sample("c3"));
        Assert.True(File.Exists(_temp.File("00000.tar")));
        Assert.False(File.Exists(_temp.File("00000.tar.tmp")));
        Assert.Equal(["a1", "b2", "c3"], _committed.Select(c => c.Key));
        Assert.Equal(3, WebDatasetReader.ReadSizes(_temp.Path)["00000.tar"]);
    }

    [Fact]
    public async Task Completing_closes_the_partial_shard_and_a_reopen_continues_the_numbering()
    {
        var options = new WebDatasetOptions { SamplesPerShard = 2 };
        var writer = new ShardWriter(_temp.Path, options, TimeProvider.System);
        await writer.OpenAsync(Committed);
        foreach (var key in new[] { "k1", "k2", "k3" })
            await writer.WriteAsync(Sample(key));
        await writer.CompleteAsync();

        var reopened = new ShardWriter(_temp.Path, options, TimeProvider.System);
        var packed = await reopened.OpenAsync(Committed);
        await reopened.WriteAsync(Sample("k4"));
        await reopened.CompleteAsync();

        Assert.Equal(["k1", "k2", "k3"], packed.Order());
        Assert.Equal(new Dictionary<string, int> { ["00000.tar"] = 2, ["00001.tar"] = 1, ["00002.tar"] = 1 }, WebDatasetReader.ReadSizes(_temp.Path));
        await using var tar = new TarReader(File.OpenRead(_temp.File("00002.tar")));
        Assert.Equal("k4.flac", (await tar.GetNextEntryAsync())!.Name);
        Assert.Equal("k4.json", (await tar.GetNextEntryAsync())!.Name);
    }

    [Theory]
    [InlineData("a.b")]
    [InlineData("a/b")]
    [InlineData("")]
    public async Task Refuses_keys_webdataset_would_split_wrongly(string key)
    {
        var writer = new ShardWriter(_temp.Path, new WebDatasetOptions(), TimeProvider.System);
        await writer.OpenAsync(Committed);

        await Assert.ThrowsAsync<ArgumentException>(() => writer.WriteAsync(Sample(key)).AsTask());
    }

    [Fact]
    public void Options_name_what_is_wrong()
    {
        var problems = new WebDatasetOptions { SamplesPerShard = 0, TrainPercent = 120, ShardPrefix = "a/b" }.Validate().ToArray();

        Assert.Equal(3, problems.Length);
    }

    /// <summary>A sample of about 20 KB, so a few fill a small disk.</summary>
    private static EncodedSample BigSample(int i) =>
        new($"k{i:D4}", "flac", new byte[20_000 + i], new JsonObject { ["text"] = new JsonArray($"sample {i}") }, new SampleStatus { Key = $"k{i:D4}", Status = SampleStatuses.Success });

    [Fact]
    public async Task A_full_disk_never_leaves_a_torn_shard_and_the_next_run_on_a_freed_disk_redoes_only_the_rest()
    {
        if (TmpfsMount.Unavailable)
            return;
        using var disk = TmpfsMount.Mount(_temp.File("disk"), 160);
        var folder = Path.Combine(disk.Path, "shards");
        var options = new WebDatasetOptions { SamplesPerShard = 2 };
        var writer = new ShardWriter(folder, options, TimeProvider.System);
        await writer.OpenAsync(Committed);
        IOException? failure = null;
        var next = 0;
        for (; next < 40 && failure is null; next++)
        {
            try
            {
                await writer.WriteAsync(BigSample(next));
            }
            catch (IOException ex)
            {
                failure = ex;
            }
        }
        await Assert.ThrowsAsync<IOException>(() => writer.WriteAsync(BigSample(99)).AsTask());
        await writer.CompleteAsync();

        Assert.NotNull(failure);
        Assert.Empty(Directory.EnumerateFiles(folder, "*.tmp"));
        var shards = Directory.GetFiles(folder, "*.tar").Order(StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(shards);
        var packed = new List<string>();
        foreach (var shard in shards)
        {
            var members = await WebDatasetReader.ListWithGnuTarAsync(shard);
            Assert.Equal(4, members.Count);
            packed.AddRange(members.Where(m => m.EndsWith(".json", StringComparison.Ordinal)).Select(m => m[..^".json".Length]));
        }
        Assert.Equal(_committed.Select(c => c.Key), packed);
        var sizes = JsonSerializer.Deserialize<Dictionary<string, int>>(await File.ReadAllTextAsync(Path.Combine(folder, SizesFile.FileName)))!;
        Assert.Equal(shards.Select(Path.GetFileName), sizes.Keys.Order(StringComparer.Ordinal));

        disk.Resize(4096);
        var again = new ShardWriter(folder, options, TimeProvider.System);
        var done = await again.OpenAsync(Committed);
        Assert.True(done.SetEquals(packed));
        for (var i = 0; i < 40; i++)
        {
            if (!done.Contains($"k{i:D4}"))
                await again.WriteAsync(BigSample(i));
        }
        await again.CompleteAsync();

        var all = new List<string>();
        foreach (var shard in Directory.GetFiles(folder, "*.tar"))
            all.AddRange((await WebDatasetReader.ReadWithPythonAsync(shard)).Select(s => s.Key));
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"k{i:D4}"), all.Order(StringComparer.Ordinal));
    }
}
