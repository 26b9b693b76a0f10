using System.Security.Cryptography;
using AudioCrawl.Testing;
using Xunit;

namespace Delivery.Tests;

public sealed class VerifyTests : DeliveryTestBase
{
    [Fact]
    public async Task Verify_passes_a_whole_delivery_and_catches_a_truncated_and_a_modified_shard_on_S3()
    {
        var folder = await ShardFolder.WriteAsync(Temp.File("shards"), samples: 12, samplesPerShard: 4, audioBytes: 3_000);
        using var store = Store("v/");
        await Uploader(store).UploadAsync(folder);
        var whole = await new DeliveryVerifier(new S3DeliverySource(store)).VerifyAsync();
        Assert.True(whole.Ok, string.Join("\n", whole.Problems));
        Assert.Equal(3, whole.ShardsChecked);
        Assert.Equal(12, whole.Samples);

        var first = await File.ReadAllBytesAsync(Path.Combine(folder, "00000.tar"));
        var truncated = first[..(first.Length / 2)];
        await store.PutAsync("v/00000.tar", truncated, Convert.ToBase64String(MD5.HashData(truncated)), "x");
        var second = await File.ReadAllBytesAsync(Path.Combine(folder, "00001.tar"));
        second[1024] ^= 0xFF; // a byte of the first sample's audio: the tar still reads, the hash does not match
        await store.PutAsync("v/00001.tar", second, Convert.ToBase64String(MD5.HashData(second)), "x");

        var report = await new DeliveryVerifier(new S3DeliverySource(store)).VerifyAsync();

        Assert.False(report.Ok);
        Assert.Contains(report.Problems, p => p.StartsWith("00000.tar:", StringComparison.Ordinal) && p.Contains("truncated", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.StartsWith("00001.tar:", StringComparison.Ordinal) && p.Contains("modified", StringComparison.Ordinal));
        Assert.DoesNotContain(report.Problems, p => p.StartsWith("00002.tar", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Verify_reports_a_sample_without_its_json_even_when_the_manifest_was_made_to_match()
    {
        var folder = Directory.CreateDirectory(Temp.File("torn")).FullName;
        await using (var stream = File.Create(Path.Combine(folder, "00000.tar")))
        await using (var tar = new System.Formats.Tar.TarWriter(stream))
        {
            foreach (var name in new[] { "a.flac", "a.json", "b.flac" })
                await tar.WriteEntryAsync(new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, name) { DataStream = new MemoryStream([1, 2, 3]) });
        }
        var digest = await FileDigest.ComputeAsync(Path.Combine(folder, "00000.tar"));
        await ManifestBuilder.WriteAsync(folder, new DeliveryManifest { Shards = [new ManifestShard { Path = "00000.tar", Samples = 1, Bytes = digest.Length, Sha256 = digest.Sha256 }], TotalSamples = 1 });

        var report = await new DeliveryVerifier(new LocalDeliverySource(folder)).VerifyAsync();

        Assert.Equal(["00000.tar: sample b has 0 JSON and 1 audio members (flac), expected one of each"], report.Problems);
    }

    [Fact]
    public async Task The_verify_command_exits_1_naming_the_damaged_shard_and_0_on_a_whole_delivery()
    {
        var folder = await ShardFolder.WriteAsync(Temp.File("shards"), samples: 4, samplesPerShard: 2, audioBytes: 500);
        using var store = Store("cli/");
        await Uploader(store).UploadAsync(folder);
        string[] verify = ["verify", Target("cli/"), .. Server.ConnectionArgs];

        var good = await AudioCrawlProcess.RunAsync(Temp.Path, S3rverProcess.Credentials(), TimeSpan.FromMinutes(1), verify);
        var shard = await File.ReadAllBytesAsync(Path.Combine(folder, "00001.tar"));
        await store.PutAsync("cli/00001.tar", shard[..^512], Convert.ToBase64String(MD5.HashData(shard[..^512])), "x");
        var bad = await AudioCrawlProcess.RunAsync(Temp.Path, S3rverProcess.Credentials(), TimeSpan.FromMinutes(1), verify);

        Assert.True(good.ExitCode == 0, good.Error);
        Assert.Contains("OK: 2 shards, 4 samples", good.Output, StringComparison.Ordinal);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("problem: 00001.tar:", bad.Error, StringComparison.Ordinal);
    }
}
