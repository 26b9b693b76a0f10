using System.Formats.Tar;
using System.Text.Json.Nodes;
using AudioCrawl.Sinks.Download;
using AudioCrawl.Sinks.WebDataset;
using AudioCrawl.Testing;
using Xunit;

namespace AudioCrawl.Sinks.Tests.WebDataset;

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
}
