using System.Security.Cryptography;
using System.Text.Json;
using Xunit;

namespace Delivery.Tests;

public sealed class UploadTests : DeliveryTestBase
{
    [Fact]
    public async Task Uploads_a_shard_folder_so_the_bucket_listing_equals_the_folder_with_the_manifest_last_written()
    {
        var folder = await ShardFolder.WriteAsync(Temp.File("shards"), samples: 25, samplesPerShard: 8, audioBytes: 4_000, split: true);
        using var store = Store("datasets/run1/");

        var first = await Uploader(store).UploadAsync(folder);
        var again = await Uploader(store).UploadAsync(folder);

        var expected = ShardFolder.ExpectedKeys(folder, "datasets/run1/");
        Assert.Contains("datasets/run1/manifest.json", expected);
        Assert.Contains("datasets/run1/train/sizes.json", expected);
        Assert.Equal(expected, await RemoteKeysAsync("datasets/run1/"));
        Assert.Equal(expected.Count, first.Uploaded);
        Assert.Equal(0, again.Uploaded);
        Assert.Equal(expected.Count, again.Unchanged);

        var manifest = ManifestBuilder.Parse(await File.ReadAllTextAsync(Path.Combine(folder, DeliveryManifest.FileName)), folder);
        Assert.Equal(["train", "test"], manifest.Split);
        Assert.Equal(25, manifest.TotalSamples);
        Assert.Equal(25, manifest.Sizes.Values.Sum());
        foreach (var shard in manifest.Shards)
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(folder, shard.Path));
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), shard.Sha256);
            Assert.Equal(bytes.Length, shard.Bytes);
        }
    }

    [Fact]
    public async Task An_object_above_the_part_size_goes_up_in_parts_and_arrives_byte_for_byte()
    {
        var folder = Directory.CreateDirectory(Temp.File("big")).FullName;
        var content = new byte[(int)(S3ConnectionOptions.MinimumPartSize * 2 + 12_345)];
        new Random(7).NextBytes(content);
        var path = Path.Combine(folder, "audio.bin");
        await File.WriteAllBytesAsync(path, content);
        await File.WriteAllTextAsync(Path.Combine(folder, "small.csv"), "url,text\n");
        using var store = Store("big/", partSize: S3ConnectionOptions.MinimumPartSize);

        var summary = await Uploader(store).UploadAsync(folder);

        Assert.Equal(2, summary.Uploaded);
        Assert.Equal(1, summary.InParts);
        await using var stream = await store.OpenReadAsync("big/audio.bin");
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        Assert.Equal(SHA256.HashData(content), SHA256.HashData(copy.ToArray()));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), await store.GetSha256Async("big/audio.bin"));
        Assert.Empty(UnfinishedUploads());
    }

    [Fact]
    public async Task A_changed_file_is_uploaded_again_and_nothing_remote_is_deleted_unless_asked()
    {
        var folder = Directory.CreateDirectory(Temp.File("csvs")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "a.csv"), "url,text\nhttp://x/1.mp3,one\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "b.csv"), "url,text\n");
        using var store = Store("csv/");
        await Uploader(store).UploadAsync(folder);

        await File.WriteAllTextAsync(Path.Combine(folder, "a.csv"), "url,text\nhttp://x/1.mp3,uno\n"); // same size, other bytes
        File.Delete(Path.Combine(folder, "b.csv"));
        var kept = await Uploader(store).UploadAsync(folder);
        Assert.Equal(1, kept.Uploaded);
        Assert.Contains("csv/b.csv", await RemoteKeysAsync("csv/"));

        var deleting = await Uploader(store).UploadAsync(folder, delete: true);
        Assert.Equal(1, deleting.Deleted);
        Assert.Equal(["csv/a.csv"], await RemoteKeysAsync("csv/"));
    }

    [Fact]
    public async Task The_manifest_carries_the_stats_given_and_the_tool_version()
    {
        var folder = await ShardFolder.WriteAsync(Temp.File("shards"), samples: 3, samplesPerShard: 2, audioBytes: 100);
        using var stats = JsonDocument.Parse("""{"pairs":3,"requests":10}""");
        using var store = Store("stats/");

        await Uploader(store).UploadAsync(folder, stats.RootElement.Clone());

        await using var remote = await store.OpenReadAsync("stats/manifest.json");
        var manifest = ManifestBuilder.Parse(await new StreamReader(remote).ReadToEndAsync(), "remote");
        Assert.Equal(3, manifest.Stats!.Value.GetProperty("pairs").GetInt32());
        Assert.False(string.IsNullOrEmpty(manifest.ToolVersion));
        Assert.Equal(2, manifest.Shards.Count);
        Assert.Equal([2, 1], manifest.Shards.Select(s => s.Samples));
    }
}
