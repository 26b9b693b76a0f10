using System.Text.Json;
using System.Text.Json.Nodes;
using AudioCrawl.Sinks.Download;
using AudioCrawl.Sinks.WebDataset;
using AudioCrawl.Testing;
using Xunit;

namespace AudioCrawl.Sinks.Tests.WebDataset;

/// <summary>Shards written to a small tmpfs until it is full: a shard that could not be written whole is never renamed.</summary>
public sealed class ShardWriterFullDiskTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly List<SampleStatus> _committed = [];

    public void Dispose() => _temp.Dispose();

    private static EncodedSample Sample(int i) =>
        new($"k{i:D4}", "flac", new byte[20_000 + i], new JsonObject { ["text"] = new JsonArray($"sample {i}") }, new SampleStatus { Key = $"k{i:D4}", Status = SampleStatuses.Success });

    private ValueTask Committed(IReadOnlyList<SampleStatus> statuses)
    {
        _committed.AddRange(statuses);
        return ValueTask.CompletedTask;
    }

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
                await writer.WriteAsync(Sample(next));
            }
            catch (IOException ex)
            {
                failure = ex;
            }
        }
        await Assert.ThrowsAsync<IOException>(() => writer.WriteAsync(Sample(99)).AsTask());
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
                await again.WriteAsync(Sample(i));
        }
        await again.CompleteAsync();

        var all = new List<string>();
        foreach (var shard in Directory.GetFiles(folder, "*.tar"))
            all.AddRange((await WebDatasetReader.ReadWithPythonAsync(shard)).Select(s => s.Key));
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"k{i:D4}"), all.Order(StringComparer.Ordinal));
    }
}
